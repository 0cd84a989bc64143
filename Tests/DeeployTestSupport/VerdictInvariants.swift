public import DeeployPayload
import StrictJSON

/// What sniffing and judging promise about one payload, shared by the mutation fuzz tests
/// and the `sniff-verdict` fuzz target.
public enum VerdictInvariants {
    /// Sniffs `bytes` with `sniffer`: sniffing a payload in memory answers, the sniff's size is
    /// the payload's, and the sniffer's JSON check is the validator's (which allows a BOM).
    /// Nil, recorded as a failure, when sniffing throws.
    public static func checkSniff(_ bytes: [UInt8], with sniffer: Sniffer, into recorder: inout some InvariantRecorder) -> Sniff? {
        let sniff: Sniff
        do {
            sniff = try sniffer.sniff(bytes)
        } catch {
            recorder.check(false, "sniffing an in-memory payload failed: \(error)")
            return nil
        }
        recorder.check(sniff.size == bytes.count, "the sniff's size is \(sniff.size), not \(bytes.count)")
        recorder.check(
            sniff.json.isValid == JSONValidator.isValid(bytes, options: JSONOptions(allowByteOrderMark: true)),
            "the sniffer's JSON check (\(sniff.json)) disagrees with the validator")
        return sniff
    }

    /// Judges `sniff` (of `bytes`) under `policy` for `declared`: the verdict is the same
    /// computed twice, accepted exactly when it has no reasons and exactly when it names an
    /// effective type, and a payload accepted as JSON without a declared type parses.
    @discardableResult
    public static func checkVerdict(
        for sniff: Sniff, of bytes: [UInt8], declared: String?, policy: AcceptancePolicy, into recorder: inout some InvariantRecorder
    ) -> Verdict {
        let verdict = policy.verdict(for: sniff, declared: declared)
        recorder.check(verdict == policy.verdict(for: sniff, declared: declared), "the verdict for \(String(describing: declared)) differs when computed twice")
        recorder.check(verdict.isAccepted == verdict.reasons.isEmpty, "accepted with reasons, or rejected without: \(verdict)")
        recorder.check(verdict.isAccepted == (verdict.effectiveContentType != nil), "acceptance and effective type disagree: \(verdict)")
        if declared == nil, verdict.isAccepted, verdict.effectiveContentType?.isJSON == true {
            let options = JSONOptions(allowByteOrderMark: policy.allowsByteOrderMarkInJSON)
            do {
                _ = try JSONParser.parse(bytes, options: options)
            } catch {
                recorder.check(false, "accepted as JSON without a declared type, but does not parse: \(error)")
            }
        }
        return verdict
    }
}
