import DeeployPayload
import DeeployTestSupport
import Foundation
import HTTPTypes
import StrictJSON
import Testing

/// gzip and deflate bodies are decoded as they stream and judged as their plain bytes; bombs,
/// corrupt and cut-off streams and other codings are refused with their own codes.
@Suite struct ContentEncodingTests {
    let sniffer = sharedSniffer

    func gate(maximumSize: Int? = 10 << 20, ratio: Int = 100) -> PayloadGate {
        var policy = AcceptancePolicy.deeploy
        policy.maximumSize = maximumSize
        return PayloadGate(sniffer: sniffer, policy: policy, maximumExpansionRatio: ratio)
    }

    static let json = Array(#"{"instances": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "parameters": {"top_k": 3}}"#.utf8)
        + Array(repeating: UInt8(ascii: " "), count: 3000) + Array("\n".utf8)

    static func png() throws -> [UInt8] {
        try [UInt8](Data(contentsOf: CorpusManifest.folder.appendingPathComponent("cases/valid/image/png-rgba8.png")))
    }

    /// (Content-Encoding, deflater format) pairs the gate decodes.
    static let encodings: [(String, Deflater.Format)] = [("gzip", .gzip), ("x-gzip", .gzip), ("deflate", .zlib), ("deflate", .raw), ("GZIP", .gzip)]

    // MARK: Accepted like the plain bytes

    @Test(arguments: 0..<encodings.count, [false, true])
    func encodedJSONAndPNGGetThePlainVerdict(encodingIndex: Int, isPNG: Bool) async throws {
        let (encoding, format) = Self.encodings[encodingIndex]
        let plain = isPNG ? try Self.png() : Self.json
        let declared = isPNG ? "image/png" : nil
        let encoded = Deflater.compress(plain, as: format)
        var rng = SplitMix64(seed: 0x19_02 &+ UInt64(encodingIndex))
        for _ in 0..<20 {
            let body = CountedChunks(encoded, ranges: rng.chunkRanges(count: encoded.count, maxChunk: rng.oneIn(2) ? 8 : 200))
            let accepted = try #require(try await gate().judge(contentType: declared, contentEncoding: encoding, body: body).acceptance)
            #expect(accepted.body == plain)
            #expect(accepted.verdict == (try sniffer.verdict(plain, declared: declared, policy: gate().policy)))
            #expect(accepted.contentType.description == (isPNG ? "image/png" : "application/json"))
            #expect(accepted.decodedEncoding == (format == .gzip ? .gzip : .deflate))
            #expect(accepted.contentEncoding == nil)
        }
    }

    @Test func concatenatedGzipMembersAreOneBody() async throws {
        let first = Array(#"{"instances": "#.utf8), second = Array("[[1, 2]]}".utf8)
        let encoded = Deflater.compress(first, as: .gzip) + Deflater.compress(second, as: .gzip)
        let accepted = try #require(try await gate().judge(contentType: nil, contentEncoding: "gzip", body: CountedChunks([encoded])).acceptance)
        #expect(accepted.body == first + second)
    }

    @Test func invalidJSONInsideGzipIsRefusedAsInvalidJSON() async throws {
        let encoded = Deflater.compress(Array(#"{"a": nope}"#.utf8), as: .gzip)
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "gzip", body: CountedChunks([encoded])).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.invalidJSON)])
        #expect(rejection.bytesRead == encoded.count)
    }

    // MARK: Bombs and limits

    @Test func aGigabyteGzipBombIsRefusedAtItsFirstChunkWithoutInflatingPastTheRatio() async throws {
        // 1 GiB of spaces (JSON whitespace, so only the ratio can refuse it) is about 1 MiB gzipped.
        let bomb = Deflater.repeating(UInt8(ascii: " "), count: 1 << 30, as: .gzip)
        #expect(bomb.count < 2 << 20)
        let body = CountedChunks(bomb, ranges: stride(from: 0, to: bomb.count, by: 16 * 1024).map { $0..<min(bomb.count, $0 + 16 * 1024) })
        let gate = gate()
        let rejection = try #require(try await gate.judge(contentType: "application/json", contentEncoding: "gzip", body: body).rejection)
        #expect(rejection.codes == [.compressionBomb])
        #expect(body.pulls.value == 1)
        #expect(rejection.bytesRead == 16 * 1024)
        #expect(rejection.bytesDecoded == 100 * 16 * 1024 + 1)
        #expect(rejection.status == .contentTooLarge)
        #expect(rejection.reasons[0].message.contains("compression bomb"))
        let problem = try #require(rejection.problemDetails().objectValue)
        #expect(problem["codes"] == ["compression-bomb"])
        #expect(problem["status"] == 413)
        var trap = ExpectRecorder()
        try GateInvariants.checkOutcome(.rejected(rejection), of: gate, declared: "application/json", coding: .gzip, encodedCount: bomb.count, into: &trap)
    }

    @Test func aSmallBombPassesTheRatioAfterTheAllowance() async throws {
        // 4 MiB of spaces, deflated in one small first chunk and then 1 KiB at a time.
        let bomb = Deflater.repeating(UInt8(ascii: " "), count: 4 << 20, as: .zlib)
        let body = CountedChunks(bomb, ranges: [0..<10] + stride(from: 10, to: bomb.count, by: 1024).map { $0..<min(bomb.count, $0 + 1024) })
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "deflate", body: body).rejection)
        #expect(rejection.codes == [.compressionBomb])
        #expect(body.pulls.value < 5)
        #expect(rejection.bytesDecoded == max(PayloadGate.expansionAllowance, 100 * rejection.bytesRead) + 1)
    }

    @Test func aHigherRatioLetsTheSameBodyThroughUpToTheMaximumSize() async throws {
        let bomb = Deflater.repeating(UInt8(ascii: " "), count: 4 << 20, as: .gzip)
        let body = CountedChunks(bomb, ranges: stride(from: 0, to: bomb.count, by: 512).map { $0..<min(bomb.count, $0 + 512) })
        let rejection = try #require(try await gate(maximumSize: 1 << 20, ratio: 10_000).judge(contentType: nil, contentEncoding: "gzip", body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.tooLarge)])
        #expect(rejection.bytesDecoded == (1 << 20) + 1)
        #expect(rejection.status == .contentTooLarge)
        #expect(body.pulls.value < bomb.count / 512)
    }

    @Test func encodedBytesPastTheLimitAreNotReadEvenWhenTheyDecodeToLittle() async throws {
        // Empty gzip members: 20 bytes each, decoding to nothing.
        let member = Deflater.compress([], as: .gzip)
        let body = CountedChunks(Array(repeating: member, count: 10_000))
        let rejection = try #require(try await gate(maximumSize: 1000).judge(contentType: nil, contentEncoding: "gzip", body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.tooLarge)])
        #expect(rejection.bytesRead <= 1000 + 1000 / 64 + 1024 + member.count)
        #expect(body.pulls.value < 200)
    }

    // MARK: Corrupt and cut off

    @Test(arguments: [1, 5, 8, 30])
    func aTruncatedGzipStreamIsInvalidEncoding(cut: Int) async throws {
        let encoded = Deflater.compress(Self.json, as: .gzip)
        let truncated = Array(encoded.dropLast(cut))
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "gzip", body: CountedChunks([truncated])).rejection)
        #expect(rejection.codes == [.invalidEncoding])
        #expect(rejection.status == .badRequest)
        #expect(rejection.reasons[0].message.contains("cut off before its end"))
        #expect(rejection.problemDetails().objectValue?["codes"] == ["invalid-encoding"])
    }

    @Test func anEmptyBodyDeclaredGzipIsInvalidEncoding() async throws {
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "gzip", body: CountedChunks([])).rejection)
        #expect(rejection.codes == [.invalidEncoding])
    }

    @Test func aCorruptGzipHeaderIsRefusedAtTheFirstChunk() async throws {
        var encoded = Deflater.compress(Self.json, as: .gzip)
        encoded[0] = 0x1E
        let body = CountedChunks(encoded, ranges: [0..<10, 10..<encoded.count])
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "gzip", body: body).rejection)
        #expect(rejection.codes == [.invalidEncoding])
        #expect(rejection.reasons[0].message.contains("incorrect header check"))
        #expect(rejection.reasons[0].message.contains("Content-Encoding gzip"))
        #expect(body.pulls.value == 1)
    }

    @Test func aWrongChecksumIsInvalidEncoding() async throws {
        var encoded = Deflater.compress(Self.json, as: .gzip)
        encoded[encoded.count - 6] ^= 0xFF
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "gzip", body: CountedChunks([encoded])).rejection)
        #expect(rejection.codes == [.invalidEncoding])
        #expect(rejection.reasons[0].message.contains("incorrect data check"))
    }

    @Test func bytesAfterTheEndOfADeflateStreamAreInvalidEncoding() async throws {
        let encoded = Deflater.compress(Self.json, as: .zlib) + [0x00]
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "deflate", body: CountedChunks([encoded])).rejection)
        #expect(rejection.codes == [.invalidEncoding])
        #expect(rejection.reasons[0].message.contains("bytes follow the end"))
    }

    @Test func aGzipBodySentAsDeflateIsInvalidEncoding() async throws {
        let encoded = Deflater.compress(Self.json, as: .gzip)
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: "deflate", body: CountedChunks([encoded])).rejection)
        #expect(rejection.codes == [.invalidEncoding])
    }
}

/// Records a shared invariant's failure as a test issue.
struct ExpectRecorder: InvariantRecorder {
    mutating func record(_ message: String, fileID: String, filePath: String, line: Int, column: Int) {
        Issue.record("\(message)", sourceLocation: SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column))
    }
}
