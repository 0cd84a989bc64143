import DeeployPayload
import DeeployTestSupport
import Foundation
import Testing

/// The gate's session (the push form of the gate) and its rule for bodies that declare a small
/// length: held unwatched and judged once at their end, with the outcome of one watched chunk.
@Suite struct GateSessionTests {
    let sniffer = sharedSniffer

    /// The same outcome: the same acceptance, or a rejection with the same reasons, counts and
    /// verdict.
    static func same(_ one: PayloadGate.Outcome, _ other: PayloadGate.Outcome) -> Bool {
        switch (one, other) {
        case (.accepted(let a), .accepted(let b)): a == b
        case (.rejected(let a), .rejected(let b)): a == b
        default: false
        }
    }

    static func describe(_ outcome: PayloadGate.Outcome) -> String {
        switch outcome {
        case .accepted(let accepted): "accepted as \(accepted.contentType)"
        case .rejected(let rejection): "rejected \(rejection.codes), \(rejection.bytesRead) bytes read, verdict \(rejection.verdict == nil ? "none" : "made")"
        }
    }

    /// Every corpus body, padded or not, declared as one of a few types, under a few policies:
    /// judged with its length declared (held unwatched, in random chunks), and judged whole as
    /// an array, it gets exactly the outcome of the body watched as one chunk (past the maximum
    /// size, the same refusal after a count that depends on the chunks). Declared shorter
    /// than it is (a lying length), it is watched from the byte past its length, and its
    /// acceptance is the one-shot verdict's.
    @Test func aDeclaredSmallLengthGivesTheOutcomeOfOneWatchedChunk() async throws {
        var rng = SplitMix64(seed: 0x5E55_1011)
        var compared = 0
        var refused = 0
        for file in FuzzSeeds.files {
            var bytes = file
            if rng.oneIn(4) { bytes += rng.bytes(20_000 + rng.below(4000)) }
            guard bytes.count <= PayloadGate.Session.wholeBodyLength else { continue }
            let declared = rng.pick(GateChunkingFuzzTests.declaredTypes)
            var policy = rng.oneIn(3) ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
            if rng.oneIn(3) { policy.maximumSize = max(0, bytes.count + rng.below(64) - 32) }
            let gate = PayloadGate(sniffer: sniffer, policy: policy)
            let context = "\(bytes.count) bytes declared \(declared ?? "nil")"

            let watched = try await gate.judge(contentType: declared, body: CountedChunks([bytes]))
            let ranges = rng.chunkRanges(count: bytes.count, maxChunk: rng.oneIn(2) ? 64 : 24_000)
            let held = try await gate.judge(contentType: declared, contentLength: bytes.count, body: CountedChunks(bytes, ranges: ranges))
            let whole = try gate.judge(contentType: declared, body: bytes)
            if let rejection = watched.rejection, rejection.codes == [PayloadGate.Code(.tooLarge)] {
                // Past the maximum size, each is refused at the chunk that passes it: the same
                // code, after a count of bytes that depends on the chunks.
                #expect(held.rejection?.codes == rejection.codes, "\(context): held \(Self.describe(held))")
                #expect((held.rejection?.bytesRead ?? 0) > policy.maximumSize!, "\(context)")
            } else {
                #expect(Self.same(held, watched), "\(context): held \(Self.describe(held)), watched \(Self.describe(watched))")
            }
            #expect(Self.same(whole, watched), "\(context): whole \(Self.describe(whole)), watched \(Self.describe(watched))")

            let lying = try await gate.judge(contentType: declared, contentLength: bytes.count / 2, body: CountedChunks(bytes, ranges: ranges))
            let oneShot = try sniffer.verdict(bytes, declared: declared, policy: policy)
            #expect((lying.acceptance != nil) == oneShot.isAccepted, "\(context), declared \(bytes.count / 2) bytes: \(Self.describe(lying))")
            compared += 1
            if watched.rejection != nil { refused += 1 }
        }
        #expect(compared > 300)
        #expect(refused > 50)
    }

    /// The `index`th body of the corpus taken three times over: the first time each file as it
    /// is or padded, then mutated (byte flips, cuts, insertions and repeats, as the gate's
    /// mutation fuzz test mutates).
    static func body(_ index: Int, _ file: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        guard index < FuzzSeeds.files.count else { return EncodingMutations.mutate(file, with: &rng) }
        return rng.oneIn(4) ? file + rng.bytes(rng.below(4000)) : file
    }

    /// `finish(whole:)` ends a body given whole with the outcome of `consume` and `finish`, for
    /// every corpus body (as it is, padded, and twice mutated) under a few declared types,
    /// lengths, encodings and policies; and it accepts without a copy exactly the bodies the
    /// session would hold unwatched and accept.
    @Test func aBodyFinishedWholeGetsTheOutcomeOfConsumeAndFinish() throws {
        var rng = SplitMix64(seed: 0x0E_11_0B0D)
        var taken = 0
        var refusedWhole = 0
        for (index, file) in (FuzzSeeds.files + FuzzSeeds.files + FuzzSeeds.files).enumerated() {
            let bytes = Self.body(index, file, rng: &rng)
            guard bytes.count <= PayloadGate.Session.wholeBodyLength else { continue }
            let declared = rng.pick(GateChunkingFuzzTests.declaredTypes)
            let length = rng.pick([bytes.count, bytes.count, bytes.count + rng.below(100), bytes.count / 2, nil])
            let encoding = rng.pick([nil, nil, nil, "identity", "gzip"])
            var policy = rng.oneIn(3) ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
            if rng.oneIn(4) { policy.maximumSize = max(0, bytes.count + rng.below(64) - 32) }
            let gate = PayloadGate(sniffer: sniffer, policy: policy)
            let context = "\(bytes.count) bytes declared \(declared ?? "nil"), length \(length.map(String.init) ?? "nil"), encoding \(encoding ?? "nil")"

            var fed = gate.session(contentType: declared, contentEncoding: encoding, contentLength: length)
            _ = try bytes.withUnsafeBytes { try fed.consume($0) }
            let expected = try fed.finish()

            var whole = gate.session(contentType: declared, contentEncoding: encoding, contentLength: length)
            let unwatched = whole.holdsUnwatched(bytes.count)
            switch try bytes.withUnsafeBytes({ try whole.finish(whole: $0) }) {
            case .accepted(let contentType, let verdict):
                #expect(unwatched, "\(context): accepted in place, but not held unwatched")
                let acceptance = try #require(expected.acceptance, "\(context): \(Self.describe(expected))")
                #expect(acceptance.body == bytes, "\(context)")
                #expect(acceptance.contentType == contentType, "\(context)")
                #expect(acceptance.verdict == verdict, "\(context)")
                #expect(acceptance.decodedEncoding == nil, "\(context)")
                taken += 1
            case .outcome(let outcome):
                #expect(!(unwatched && expected.acceptance != nil), "\(context): an acceptance held unwatched was copied")
                #expect(Self.same(outcome, expected), "\(context): whole \(Self.describe(outcome)), fed \(Self.describe(expected))")
                if unwatched { refusedWhole += 1 }
            }
        }
        #expect(taken > 80, "\(taken) accepted in place")
        #expect(refusedWhole > 50, "\(refusedWhole) refused after a whole verdict")
    }

    /// A body its caller holds (`admits`, then `refuses(held:newBytes:)` on all of it so far,
    /// then `finish(held:)`) gets the outcome of the same chunks given to `consume` and
    /// `finish`, refused at the same chunk with the same counts: every corpus body (as it is,
    /// padded, and twice mutated, up to 2 MiB) in random chunks, under a few declared types,
    /// lengths, encodings and policies. A body with a Content-Encoding (other than `identity`) is
    /// never held by its caller.
    @Test func aBodyTheCallerHoldsGetsTheOutcomeOfConsumeAndFinish() throws {
        var rng = SplitMix64(seed: 0x4E1D_B0D7)
        var accepted = 0
        var refusedEarly = 0
        var refusedAtTheEnd = 0
        for (index, file) in (FuzzSeeds.files + FuzzSeeds.files + FuzzSeeds.files).enumerated() {
            let bytes = Self.body(index, file, rng: &rng)
            guard bytes.count <= 2 << 20 else { continue }
            let declared = rng.pick(GateChunkingFuzzTests.declaredTypes)
            let length = rng.pick([bytes.count, bytes.count, bytes.count + rng.below(100), bytes.count / 2, nil])
            let encoding = rng.pick([nil, nil, nil, nil, "identity", "gzip"])
            var policy = rng.oneIn(3) ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
            policy.maximumSize = rng.oneIn(3) ? max(0, bytes.count + rng.below(64) - 32) : 4 << 20
            let gate = PayloadGate(sniffer: sniffer, policy: policy)
            var chunks: [ArraySlice<UInt8>] = []
            var start = 0
            while start < bytes.count {
                let size = 1 + rng.below(rng.oneIn(2) ? 64 : 70_000)
                chunks.append(bytes[start..<min(bytes.count, start + size)])
                start += size
            }
            let context = "\(bytes.count) bytes in \(chunks.count) chunks declared \(declared ?? "nil"), length \(length.map(String.init) ?? "nil"), encoding \(encoding ?? "nil")"

            var fed = gate.session(contentType: declared, contentEncoding: encoding, contentLength: length)
            var fedChunks = 0
            for chunk in chunks where fed.rejection == nil {
                fedChunks += 1
                _ = try chunk.withUnsafeBytes { try fed.consume($0) }
            }
            let expected = try fed.finish()

            var held = gate.session(contentType: declared, contentEncoding: encoding, contentLength: length, heldByCaller: true)
            #expect(held.isHeldByCaller == ([nil, "identity"].contains(encoding) && !held.isRefused), "\(context)")
            guard held.isHeldByCaller else { continue }
            var body: [UInt8] = []
            var heldChunks = 0
            for chunk in chunks {
                heldChunks += 1
                guard held.admits(chunk.count) else { break }
                body += chunk
                if try body.withUnsafeBytes({ try held.refuses(held: $0, newBytes: chunk.count) }) { break }
            }
            #expect(heldChunks == fedChunks, "\(context): refused at chunk \(heldChunks) held, \(fedChunks) fed")
            switch try body.withUnsafeBytes({ try held.finish(held: $0) }) {
            case .accepted(let contentType, let verdict):
                let acceptance = try #require(expected.acceptance, "\(context): \(Self.describe(expected))")
                #expect(acceptance.body == body, "\(context)")
                #expect(acceptance.contentType == contentType, "\(context)")
                #expect(acceptance.verdict == verdict, "\(context)")
                accepted += 1
            case .outcome(let outcome):
                #expect(Self.same(outcome, expected), "\(context): held \(Self.describe(outcome)), fed \(Self.describe(expected))")
                if outcome.rejection?.verdict == nil { refusedEarly += 1 } else { refusedAtTheEnd += 1 }
            }
        }
        #expect(accepted > 50 && refusedEarly > 50 && refusedAtTheEnd > 20, "\(accepted) accepted, \(refusedEarly) refused early, \(refusedAtTheEnd) at the end")
    }

    /// A session is a value: a copy goes on from where the original was, and what one takes
    /// does not change the other.
    @Test func aCopyOfASessionGoesOnAlone() throws {
        var session = PayloadGate(sniffer: sniffer).session(contentType: "application/json")
        #expect(try Array(#"{"a":"#.utf8).withUnsafeBytes { try session.consume($0) } == nil)
        var copy = session
        #expect(try Array("1}".utf8).withUnsafeBytes { try session.consume($0) } == nil)
        #expect(try Array("]".utf8).withUnsafeBytes { try copy.consume($0) }?.codes == [PayloadGate.Code(.invalidJSON)])
        #expect(session.rejection == nil)
        #expect(try session.finish().acceptance?.body == Array(#"{"a":1}"#.utf8))
        #expect(try copy.finish().rejection?.codes == [PayloadGate.Code(.invalidJSON)])
    }

    /// A copy of a session decoding a gzip body has a zlib stream of its own: both copies
    /// decode the rest of the body whole.
    @Test func aCopyOfADecodingSessionDecodesOnAlone() throws {
        let json = Array(#"{"instances": [[1, 2, 3], [4, 5, 6]], "id": "copy"}"#.utf8)
        let gzip = Deflater.compress(json, as: .gzip)
        let half = gzip.count / 2
        var session = PayloadGate(sniffer: sniffer).session(contentType: "application/json", contentEncoding: "gzip")
        #expect(try Array(gzip[..<half]).withUnsafeBytes { try session.consume($0) } == nil)
        var copy = session
        let rest = Array(gzip[half...])
        #expect(try rest.withUnsafeBytes { try session.consume($0) } == nil)
        #expect(try rest.withUnsafeBytes { try copy.consume($0) } == nil)
        #expect(try session.finish().acceptance?.body == json)
        #expect(try copy.finish().acceptance?.body == json)
    }

    /// Past 1 MiB a session makes room for the rest of the maximum size in one step: with any
    /// maximum, up to `Int.max`, and with the body past it refused as before.
    @Test func aBodyPastOneMebibyteIsHeldWhateverTheMaximum() throws {
        let body = Array(repeating: UInt8(ascii: "a"), count: (1 << 20) + 300_000)
        for maximum in [Int.max, 4 << 20, (1 << 20) + 299_999] {
            var policy = AcceptancePolicy.deeploy
            policy.maximumSize = maximum
            var session = PayloadGate(sniffer: sniffer, policy: policy).session(contentType: "text/plain")
            var rejection: PayloadGate.Rejection?
            for start in stride(from: 0, to: body.count, by: 65_536) where rejection == nil {
                rejection = try body[start..<min(body.count, start + 65_536)].withUnsafeBytes { try session.consume($0) }
            }
            if maximum < body.count {
                #expect(rejection?.codes == [PayloadGate.Code(.tooLarge)], "maximum \(maximum)")
            } else {
                #expect(rejection == nil, "maximum \(maximum)")
                #expect(try session.finish().acceptance?.body == body, "maximum \(maximum)")
            }
        }
    }

    @Test func aSessionReturnsItsRejectionOnceCertainAndFromThenOn() throws {
        var session = PayloadGate(sniffer: sniffer).session(contentType: "application/json")
        #expect(session.rejection == nil)
        #expect(try Array(#"{"a":"#.utf8).withUnsafeBytes { try session.consume($0) } == nil)
        let rejection = try #require(try Array("]".utf8).withUnsafeBytes { try session.consume($0) })
        #expect(rejection.codes == [PayloadGate.Code(.invalidJSON)])
        #expect(session.rejection == rejection)
        #expect(try Array("1}".utf8).withUnsafeBytes { try session.consume($0) } == rejection)
        #expect(try session.finish().rejection == rejection)
    }

    @Test func aSessionRefusedByItsHeadersSaysSoBeforeAnyByte() throws {
        let gate = PayloadGate(sniffer: sniffer)
        let encoded = gate.session(contentType: "application/json", contentEncoding: "br")
        #expect(encoded.rejection?.codes == [.unsupportedEncoding])
        #expect(encoded.rejection?.bytesRead == 0)
        let video = gate.session(contentType: "video/mp4", contentLength: 10)
        #expect(video.rejection?.codes == [PayloadGate.Code(.notAcceptedType)])
    }

    @Test func aSessionAcceptsTheBytesItWasFedWithTheirVerdict() throws {
        let body = Array(#"{"instances": [[1, 2], [3, 4]]}"#.utf8)
        var session = PayloadGate(sniffer: sniffer).session(contentType: nil, contentLength: body.count)
        for index in body.indices {
            #expect(try [body[index]].withUnsafeBytes { try session.consume($0) } == nil)
        }
        let accepted = try #require(try session.finish().acceptance)
        #expect(accepted.body == body)
        #expect(accepted.contentType == .applicationJSON)
        #expect(accepted.verdict == (try sniffer.verdict(body, declared: nil)))
    }

    @Test func aHeldBodyPastTheMaximumSizeIsRefusedAtTheChunkThatPassesIt() async throws {
        var policy = AcceptancePolicy.deeploy
        policy.maximumSize = 100
        let body = CountedChunks(Array(repeating: Array(repeating: UInt8(ascii: " "), count: 40), count: 5))
        let outcome = try await PayloadGate(sniffer: sniffer, policy: policy).judge(contentType: nil, contentLength: 200, body: body)
        let rejection = try #require(outcome.rejection)
        #expect(rejection.codes == [PayloadGate.Code(.tooLarge)])
        #expect(rejection.bytesRead == 120)
        #expect(body.pulls.value == 3)
    }
}
