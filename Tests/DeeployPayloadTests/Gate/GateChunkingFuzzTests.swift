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

    /// Every corpus body, compressed as gzip, zlib or raw deflate and cut at random, gets the
    /// same verdict as the plain one-shot verdict. The expansion ratio is set past deflate's
    /// largest (about 1032), so that only the plain body's own limits can refuse it.
    @Test func encodedBodiesAgreeWithTheOneShotVerdictOnThePlainBytes() async throws {
        let seed = ProcessInfo.processInfo.environment["DEEPLOY_FUZZ_SEED"].flatMap { UInt64($0.dropFirst(2), radix: 16) } ?? 0x6A7E_19_02
        var rng = SplitMix64(seed: seed)
        var recorder = ExpectRecorder()
        var early = 0
        for file in FuzzSeeds.files {
            var bytes = file
            if rng.oneIn(4) { bytes += rng.bytes(20_000 + rng.below(4000)) }
            let declared = rng.pick(Self.declaredTypes)
            var policy = rng.oneIn(3) ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
            if rng.oneIn(3) { policy.maximumSize = max(0, bytes.count + rng.below(64) - 32) }
            let (encoding, format) = rng.pick([("gzip", Deflater.Format.gzip), ("x-gzip", .gzip), ("deflate", .zlib), ("deflate", .raw)])
            let encoded = Deflater.compress(bytes, as: format, level: Int32(rng.below(10)))
            let ranges = rng.chunkRanges(count: encoded.count, maxChunk: rng.oneIn(2) ? 64 : 24_000)
            let body = CountedChunks(encoded, ranges: ranges)
            let gate = PayloadGate(sniffer: sniffer, policy: policy, maximumExpansionRatio: 2000)
            let outcome = try await gate.judge(contentType: declared, contentEncoding: encoding, body: body)
            let oneShot = try sniffer.verdict(bytes, declared: declared, policy: policy)
            let context = "\(bytes.count) bytes \(encoding) (\(format)) declared \(declared ?? "nil"), seed \(String(seed, radix: 16))"
            if GateInvariants.checkAgreement(outcome, with: oneShot, of: bytes, context: context, into: &recorder) {
                early += 1
                #expect(body.pulls.value <= ranges.count, "\(context): read on past the refusal")
            }
            try GateInvariants.checkOutcome(outcome, of: gate, declared: declared, coding: format == .gzip ? .gzip : .deflate, encodedCount: encoded.count, into: &recorder)
        }
        #expect(early > 50)
    }

    /// gzip and deflate streams of corpus bodies, mutated (bytes flipped, cut, inserted, ranges
    /// repeated), judged in random chunks: the gate ends, accepted or refused with a known code,
    /// and never inflates past a limit.
    @Test func mutatedStreamsEndAcceptedOrRefusedWithAKnownCode() async throws {
        let seed = ProcessInfo.processInfo.environment["DEEPLOY_FUZZ_SEED"].flatMap { UInt64($0.dropFirst(2), radix: 16) } ?? 0x6A7E_19_03
        var rng = SplitMix64(seed: seed)
        var recorder = ExpectRecorder()
        var codes: [PayloadGate.Code: Int] = [:]
        let files = FuzzSeeds.files.filter { $0.count < 64 * 1024 }
        for _ in 0..<1500 {
            let (encoding, format) = rng.pick([("gzip", Deflater.Format.gzip), ("deflate", .zlib), ("deflate", .raw)])
            let stream = EncodingMutations.mutate(Deflater.compress(rng.pick(files), as: format), with: &rng)
            var policy = AcceptancePolicy.deeploy
            policy.maximumSize = rng.pick([nil, 100, 4096, 1 << 20])
            let gate = PayloadGate(sniffer: sniffer, policy: policy, maximumExpansionRatio: rng.pick([1, 10, 100]))
            let declared = rng.pick(Self.declaredTypes)
            let body = CountedChunks(stream, ranges: rng.chunkRanges(count: stream.count, maxChunk: rng.pick([7, 300, 70_000])))
            let outcome = try await gate.judge(contentType: declared, contentEncoding: encoding, body: body)
            try GateInvariants.checkOutcome(outcome, of: gate, declared: declared, coding: format == .gzip ? .gzip : .deflate, encodedCount: stream.count, into: &recorder)
            codes[outcome.rejection?.codes.first ?? PayloadGate.Code(rawValue: "accepted"), default: 0] += 1
        }
        #expect(codes[.invalidEncoding, default: 0] > 100, "\(codes)")
        #expect(codes[PayloadGate.Code(rawValue: "accepted"), default: 0] > 10, "\(codes)")
    }
}
