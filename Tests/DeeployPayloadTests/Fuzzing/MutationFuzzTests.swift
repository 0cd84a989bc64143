import DeeployPayload
import DeeployTestSupport
import Foundation
import StrictJSON
import Testing

/// Seeded mutation fuzzing of every entry point, over inputs derived from `Corpus/`.
///
/// Deterministic: iteration *i* gets the same mutated input in every entry point and every run
/// with the same seed (printed; `DEEPLOY_FUZZ_SEED` sets it, `DEEPLOY_FUZZ_ITERATIONS` scales
/// the counts, `DEEPLOY_FUZZ_ONLY` runs one iteration). A broken invariant names the seed and
/// iteration and saves the input under `$TMPDIR/deeploy-fuzz-failures/`.
///
/// Each test runs a fraction of the base count (40,000 by default), chosen so that the suite
/// takes one to two minutes in a debug build on two cores, its tests side by side: JSON 100%;
/// Content-Type, Authorization, responses, tensors and log splitting 80%; sniffing 40% (built-in
/// text rules) and 5% (libmagic's text rules); inference targets 30%. Iteration *i* is the same
/// input everywhere, so the first 2,000 inputs go through every entry point, the first 12,000
/// through all but libmagic's text rules.
@Suite struct MutationFuzzTests {
    /// Declared Content-Type values to judge payloads against, besides random header-like ones.
    static let declaredTypes: [String?] = [
        nil, nil, "application/json", "application/json; charset=utf-8", "image/png", "image/jpeg", "image/svg+xml",
        "text/plain", "text/plain; charset=utf-16", "text/html", "application/pdf", "application/octet-stream",
        "binary/octet-stream", "video/mp4", "json", "",
    ]

    /// Sniffing (built-in text rules, so libmagic sees only non-text) and judging under both
    /// policies. A verdict is the same computed twice; a payload accepted as JSON without a
    /// declared type parses; the sniffer's JSON check is the validator's.
    @Test func sniffAndVerdict() async {
        var run = FuzzRun("sniff-verdict")
        var samples: [(bytes: [UInt8], declared: String?, verdict: Verdict)] = []
        await run.forEachInput(fraction: 0.4) { run, bytes, rng in
            let declared = rng.oneIn(4) ? FuzzSeeds.headerString(rng: &rng) : rng.pick(Self.declaredTypes)
            guard let verdict = Self.checkVerdicts(bytes, declared: declared, sniffer: builtInSniffer, run: &run) else { return }
            if run.iteration % 20 == 0 { samples.append((bytes, declared, verdict)) }
        }
        await Self.checkConcurrently(samples, sniffer: builtInSniffer, run: &run)
        await Self.checkBoundedStreams(samples, sniffer: builtInSniffer, run: &run)
    }

    /// The same through the default configuration, where libmagic names text too (slower, so fewer).
    @Test func sniffAndVerdictWithLibmagicText() async {
        var run = FuzzRun("sniff-verdict-libmagic")
        var samples: [(bytes: [UInt8], declared: String?, verdict: Verdict)] = []
        await run.forEachInput(fraction: 0.05) { run, bytes, rng in
            let declared = rng.pick(Self.declaredTypes)
            guard let verdict = Self.checkVerdicts(bytes, declared: declared, sniffer: sharedSniffer, run: &run) else { return }
            if run.iteration % 4 == 0 { samples.append((bytes, declared, verdict)) }
        }
        await Self.checkConcurrently(samples, sniffer: sharedSniffer, run: &run)
    }

    /// Checks one payload's sniff and verdicts; returns `Sniffer.verdict`'s for `declared` under `.deeploy`.
    static func checkVerdicts(_ bytes: [UInt8], declared: String?, sniffer: Sniffer, run: inout FuzzRun) -> Verdict? {
        guard let sniff = PayloadInvariants.checkSniff(bytes, with: sniffer, into: &run) else { return nil }
        var result: Verdict?
        for policy in [AcceptancePolicy.deeploy, .strict] {
            for candidate in [declared, nil] {
                let verdict = PayloadInvariants.checkVerdict(for: sniff, of: bytes, declared: candidate, policy: policy, into: &run)
                if policy == .deeploy, candidate == declared { result = verdict }
            }
        }
        // Sniffing again in one call decides the same, though it may name declared text by
        // the built-in rules; computed twice, it is the same verdict.
        guard let result, let oneCall = try? sniffer.verdict(.bytes(bytes), declared: declared) else {
            run.check(false, "Sniffer.verdict failed where sniff and policy.verdict succeeded")
            return nil
        }
        run.check(
            VerdictOutcome.agrees(fast: oneCall, thorough: result),
            "Sniffer.verdict decides \(VerdictOutcome(oneCall)), judging the sniff decides \(VerdictOutcome(result))")
        run.check(oneCall == (try? sniffer.verdict(.bytes(bytes), declared: declared)), "Sniffer.verdict differs when computed twice")
        return oneCall
    }

    /// Computes the sampled verdicts again from many tasks at once through one sniffer; each
    /// must equal the serial answer.
    static func checkConcurrently(_ samples: [(bytes: [UInt8], declared: String?, verdict: Verdict)], sniffer: Sniffer, run: inout FuzzRun) async {
        let concurrent = await withTaskGroup(of: (Int, Verdict?).self) { group in
            for (index, sample) in samples.enumerated() {
                group.addTask { (index, try? sniffer.verdict(.bytes(sample.bytes), declared: sample.declared)) }
            }
            var results = [Verdict?](repeating: nil, count: samples.count)
            for await (index, verdict) in group { results[index] = verdict }
            return results
        }
        for (sample, verdict) in zip(samples, concurrent) {
            run.saving(sample.bytes)
            run.check(verdict == sample.verdict, "a verdict computed concurrently differs from the serial one")
        }
        #expect(!samples.isEmpty, "no samples for the concurrency check")
    }

    /// Each sample streamed in chunks of a chosen size, under a policy with a chosen maximum
    /// size: a payload within it gets the in-memory verdict, a larger one `too-large` alone,
    /// having been read no further than the first chunk past the limit.
    static func checkBoundedStreams(_ samples: [(bytes: [UInt8], declared: String?, verdict: Verdict)], sniffer: Sniffer, run: inout FuzzRun) async {
        for (index, sample) in samples.enumerated() {
            var rng = SplitMix64(seed: UInt64(index))
            var policy = AcceptancePolicy.deeploy
            policy.maximumSize = rng.below(2 * sample.bytes.count + 2)
            let chunkSize = 1 + rng.below(97)
            let bytes = sample.bytes
            let chunks = AsyncStream<ArraySlice<UInt8>> { continuation in
                for start in stride(from: 0, to: bytes.count, by: chunkSize) { continuation.yield(bytes[start..<min(start + chunkSize, bytes.count)]) }
                continuation.finish()
            }
            run.saving(bytes)
            guard let limit = policy.maximumSize, let streamed = try? await sniffer.verdict(chunks: chunks, declared: sample.declared, policy: policy) else {
                run.check(false, "a stream verdict failed")
                continue
            }
            if bytes.count <= limit {
                run.check(streamed == (try? sniffer.verdict(.bytes(bytes), declared: sample.declared, policy: policy)), "a stream within the limit is judged otherwise than its bytes")
            } else {
                run.check(streamed.reasonCodes == [.tooLarge] && streamed.effectiveContentType == nil, "a stream past the limit gets \(streamed)")
                run.check(streamed.sniff.size > limit && streamed.sniff.size <= limit + chunkSize, "read \(streamed.sniff.size) bytes of a stream past \(limit)")
            }
        }
    }
}

/// The sniffer most fuzzing goes through: libmagic only for payloads that are not text.
let builtInSniffer: Sniffer = {
    do { return try Sniffer(configuration: .init(poolSize: 4, textDetection: .builtIn)) } catch { preconditionFailure("\(error)") }
}()
