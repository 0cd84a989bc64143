import DeeployPayload
import DeeployTestSupport
import Foundation
import Testing

/// Random chunkings of every corpus body, declared as one of a few types, under a few policies:
/// the gate's outcome agrees with the one-shot verdict on the whole body.
///
/// An acceptance, or a refusal of the whole body, is the one-shot verdict exactly. A refusal made
/// early is a refusal the one-shot verdict makes too, for (among others) the same reason, save
/// the one documented exception: an empty body declared as a type not accepted.
/// One body in four is padded with random bytes past the gate's certainty length, so that
/// image and PDF mismatches can be refused early.
@Suite struct GateChunkingFuzzTests {
    let sniffer = sharedSniffer

    static let declaredTypes: [String?] = [
        nil, "application/json", "image/png", "image/*", "application/pdf", "text/plain; charset=utf-8",
        "application/octet-stream", "video/mp4", "not a type",
    ]

    @Test func randomChunkingsAgreeWithTheOneShotVerdict() async throws {
        let seed = ProcessInfo.processInfo.environment["DEEPLOY_FUZZ_SEED"].flatMap { UInt64($0.dropFirst(2), radix: 16) } ?? 0x6A7E_19
        var rng = SplitMix64(seed: seed)
        var early = 0
        var compared = 0
        for file in FuzzSeeds.files {
            for _ in 0..<2 {
                var bytes = file
                if rng.oneIn(4) { bytes += rng.bytes(20_000 + rng.below(4000)) }
                let declared = rng.pick(Self.declaredTypes)
                var policy = rng.oneIn(3) ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
                if rng.oneIn(3) { policy.maximumSize = max(0, bytes.count + rng.below(64) - 32) }
                let ranges = rng.chunkRanges(count: bytes.count, maxChunk: rng.oneIn(2) ? 64 : 24_000)
                let body = CountedChunks(bytes, ranges: ranges)
                let outcome = try await PayloadGate(sniffer: sniffer, policy: policy).judge(contentType: declared, body: body)
                let oneShot = try sniffer.verdict(bytes, declared: declared, policy: policy)
                let context = "\(bytes.count) bytes declared \(declared ?? "nil"), seed \(String(seed, radix: 16))"
                compared += 1
                switch outcome {
                case .accepted(let accepted):
                    #expect(accepted.verdict == oneShot, "\(context)")
                    #expect(accepted.body == bytes, "\(context)")
                    #expect(accepted.contentType == oneShot.effectiveContentType, "\(context)")
                case .rejected(let rejection):
                    #expect(!oneShot.isAccepted, "\(context): refused \(rejection.codes), but the one-shot verdict accepts")
                    if let verdict = rejection.verdict {
                        #expect(verdict == oneShot, "\(context)")
                    } else {
                        early += 1
                        let code = try #require(rejection.codes.first?.verdictCode)
                        let emptyException = code == .notAcceptedType && oneShot.reasonCodes == [.empty]
                        #expect(oneShot.reasonCodes.contains(code) || emptyException, "\(context): \(code) not in \(oneShot.reasonCodes)")
                        #expect(body.pulls.value <= ranges.count, "\(context): read on past the refusal")
                        if let limit = policy.maximumSize, code == .tooLarge { #expect(rejection.bytesRead > limit) }
                    }
                }
            }
        }
        #expect(compared > 600)
        #expect(early > 100)
    }
}
