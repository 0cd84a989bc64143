public import DeeployPayload

/// What the gate promises about one body, however it arrived: shared by the gate's fuzz tests
/// and the `content-encoding` fuzz target.
public enum GateInvariants {
    /// Every code a refusal may carry: the verdict's and the gate's own.
    public static let knownCodes: Set<PayloadGate.Code> = Set(Verdict.Code.allCases.map(PayloadGate.Code.init))
        .union([.unsupportedEncoding, .compressionBomb, .invalidEncoding])

    /// An outcome of `gate` for a body sent with Content-Encoding `coding` (nil for none), whose
    /// encoded form was `encodedCount` bytes: it ends accepted or refused with known codes; an
    /// acceptance holds at most the policy's maximum size, names the coding it decoded, forwards
    /// no Content-Encoding and has the verdict the sniffer gives its bytes; a refusal after
    /// reading an encoded body says how much it decoded: for size or expansion, at most one byte
    /// past the limit that passed, otherwise no more than the limit.
    public static func checkOutcome(
        _ outcome: PayloadGate.Outcome, of gate: PayloadGate, declared: String?, coding: PayloadGate.ContentCoding?,
        encodedCount: Int, into recorder: inout some InvariantRecorder
    ) throws {
        switch outcome {
        case .accepted(let accepted):
            if let limit = gate.policy.maximumSize {
                recorder.check(accepted.body.count <= limit, "accepted \(accepted.body.count) bytes, more than the \(limit)-byte limit")
            }
            recorder.check(accepted.decodedEncoding == coding, "accepted as decoded from \(String(describing: accepted.decodedEncoding)), not \(String(describing: coding))")
            recorder.check(accepted.contentEncoding == nil, "an accepted body is forwarded encoded")
            let verdict = try gate.sniffer.verdict(accepted.body, declared: declared, policy: gate.policy)
            recorder.check(verdict == accepted.verdict, "the acceptance's verdict is not the one-shot verdict on its bytes")
        case .rejected(let rejection):
            recorder.check(!rejection.reasons.isEmpty, "refused without a reason")
            for code in rejection.codes {
                recorder.check(knownCodes.contains(code), "refused with the unknown code \(code)")
            }
            recorder.check(rejection.bytesRead <= encodedCount, "read \(rejection.bytesRead) bytes of \(encodedCount)")
            if coding == nil { recorder.check(rejection.bytesDecoded == nil, "bytes decoded for a body with no Content-Encoding") }
            guard let decoded = rejection.bytesDecoded else {
                recorder.check(rejection.bytesRead == 0, "an encoded body refused after reading, without a decoded count")
                return
            }
            let ratioLimit = max(PayloadGate.expansionAllowance, gate.maximumExpansionRatio.multipliedReportingOverflow(by: rejection.bytesRead).partialValue)
            let limit = gate.policy.maximumSize ?? .max
            if rejection.codes.first == .compressionBomb {
                recorder.check(decoded == ratioLimit + 1, "a bomb refused after decoding \(decoded) bytes, not \(ratioLimit) + 1")
            } else if rejection.codes.first == PayloadGate.Code(.tooLarge) {
                recorder.check(decoded - 1 <= limit, "refused as too large after decoding \(decoded) bytes, limit \(limit)")
            } else {
                recorder.check(decoded <= limit, "decoded \(decoded) bytes past the \(limit)-byte limit")
            }
        }
    }

    /// The gate's outcome for `bytes` (however they were chunked or encoded, provided the
    /// encoding is valid and no expansion limit applies) agrees with the one-shot verdict on
    /// `bytes`: an acceptance or a whole-body refusal is that verdict, an early refusal names one
    /// of its reasons (or `not-accepted-type` for an empty body it calls `empty`). True for an
    /// early refusal.
    @discardableResult
    public static func checkAgreement(
        _ outcome: PayloadGate.Outcome, with oneShot: Verdict, of bytes: [UInt8], context: String, into recorder: inout some InvariantRecorder
    ) -> Bool {
        switch outcome {
        case .accepted(let accepted):
            recorder.check(accepted.verdict == oneShot, "\(context): accepted with another verdict")
            recorder.check(accepted.body == bytes, "\(context): accepted other bytes")
            recorder.check(accepted.contentType == oneShot.effectiveContentType, "\(context): accepted as another type")
            return false
        case .rejected(let rejection):
            recorder.check(!oneShot.isAccepted, "\(context): refused \(rejection.codes), but the one-shot verdict accepts")
            if let verdict = rejection.verdict {
                recorder.check(verdict == oneShot, "\(context): refused whole with another verdict")
                return false
            }
            guard let code = rejection.codes.first?.verdictCode else {
                recorder.check(false, "\(context): refused early with \(rejection.codes), which the one-shot verdict cannot give")
                return true
            }
            let emptyException = code == .notAcceptedType && oneShot.reasonCodes == [.empty]
            recorder.check(oneShot.reasonCodes.contains(code) || emptyException, "\(context): \(code) not in \(oneShot.reasonCodes)")
            return true
        }
    }
}
