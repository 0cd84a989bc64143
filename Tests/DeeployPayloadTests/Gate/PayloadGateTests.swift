import DeeployPayload
import DeeployTestSupport
import Foundation
import HTTPTypes
import StrictJSON
import Testing

/// The gate refuses a body as soon as the refusal is certain, reads no further, and otherwise
/// hands back exactly the bytes with the one-shot verdict.
@Suite struct PayloadGateTests {
    let sniffer = sharedSniffer

    func gate(maximumSize: Int? = nil, strict: Bool = false) -> PayloadGate {
        var policy = strict ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
        policy.maximumSize = maximumSize
        return PayloadGate(sniffer: sniffer, policy: policy)
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        + [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89]
        + [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    static func corpus(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: CorpusManifest.folder.appendingPathComponent("cases/" + path)))
    }

    // MARK: Refused before reading

    @Test func aDeclaredTypeDeeployDoesNotAcceptIsRefusedBeforeAnyByte() async throws {
        let body = CountedChunks([Self.png])
        let outcome = try await gate().judge(contentType: "video/mp4", body: body)
        let rejection = try #require(outcome.rejection)
        #expect(rejection.codes == [PayloadGate.Code(.notAcceptedType)])
        #expect(rejection.bytesRead == 0 && rejection.verdict == nil)
        #expect(body.pulls.value == 0)
        #expect(rejection.status == .unsupportedMediaType)
        let oneShot = try sniffer.verdict(Self.png, declared: "video/mp4", policy: .deeploy)
        #expect(oneShot.reasons.map(PayloadGate.Reason.init) == rejection.reasons)
    }

    @Test func aDeclaredValueThatIsNoMediaTypeIsRefusedBeforeAnyByte() async throws {
        let body = CountedChunks([Array("{}".utf8)])
        let rejection = try #require(try await gate().judge(contentType: "json", body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.invalidDeclaredType)])
        #expect(body.pulls.value == 0)
        #expect(rejection.status == .badRequest)
        let oneShot = try sniffer.verdict(Array("{}".utf8), declared: "json", policy: .deeploy)
        #expect(oneShot.reasons.map(\.message) == rejection.reasons.map(\.message))
    }

    @Test(arguments: ["br", "compress", "zstd", "identity, br", "gzip, gzip", "deflate, gzip", "x-custom"])
    func anEncodingTheGateDoesNotDecodeIsRefusedBeforeAnyByte(encoding: String) async throws {
        let body = CountedChunks([Array("{}".utf8)])
        let rejection = try #require(try await gate().judge(contentType: nil, contentEncoding: encoding, body: body).rejection)
        #expect(rejection.codes == [.unsupportedEncoding])
        #expect(rejection.reasons[0].message.contains("gzip, x-gzip or deflate"))
        #expect(rejection.reasons[0].message.contains("identity"))
        #expect(body.pulls.value == 0)
        #expect(rejection.status == .unsupportedMediaType)
    }

    @Test(arguments: [nil, "identity", "IDENTITY", " identity ", ""])
    func identityOrNoEncodingIsJudged(encoding: String?) async throws {
        let outcome = try await gate().judge(contentType: nil, contentEncoding: encoding, body: CountedChunks([Array("{}".utf8)]))
        #expect(outcome.acceptance?.body == Array("{}".utf8))
    }

    // MARK: Size

    @Test func anOversizedBodyIsRefusedAtTheFirstChunkPastTheLimitAndNoMoreIsRead() async throws {
        let chunks = (0..<50).map { index in [index == 0 ? UInt8(ascii: "[") : UInt8(ascii: ",")] + Array(repeating: UInt8(ascii: "1"), count: 99) }
        let body = CountedChunks(chunks)
        let rejection = try #require(try await gate(maximumSize: 1000).judge(contentType: "application/json", body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.tooLarge)])
        #expect(body.pulls.value == 11)
        #expect(rejection.bytesRead == 1100)
        #expect(rejection.status == .contentTooLarge)
        // The stream verdict says the same.
        let stream = try await sniffer.verdict(chunks: CountedChunks(chunks), declared: "application/json", policy: gate(maximumSize: 1000).policy)
        #expect(stream.reasons.map(PayloadGate.Reason.init) == rejection.reasons)
    }

    @Test func oneHugeFirstChunkIsRefusedAtOnce() async throws {
        let body = CountedChunks([Array(repeating: 0x20, count: 5000), Array("{}".utf8)])
        let rejection = try #require(try await gate(maximumSize: 1000).judge(contentType: nil, body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.tooLarge)])
        #expect(body.pulls.value == 1)
    }

    @Test func aBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() async throws {
        let exact = Array(("[" + String(repeating: "1,", count: 498) + "10]").utf8)
        #expect(exact.count == 1000)
        let ranges = [0..<1, 1..<400, 400..<400, 400..<1000]
        let accepted = try #require(try await gate(maximumSize: 1000).judge(contentType: nil, body: CountedChunks(exact, ranges: ranges)).acceptance)
        #expect(accepted.body == exact)
        let longer = exact + [0x20]
        let body = CountedChunks(longer, ranges: ranges + [1000..<1001])
        let rejection = try #require(try await gate(maximumSize: 1000).judge(contentType: nil, body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.tooLarge)])
        #expect(rejection.bytesRead == 1001)
    }

    // MARK: Content

    @Test func invalidJSONIsRefusedAtTheChunkHoldingTheFirstBadByte() async throws {
        let chunks = [Array("{\"a\":".utf8), Array(" nope".utf8)] + Array(repeating: Array("         ".utf8), count: 20)
        let body = CountedChunks(chunks)
        let rejection = try #require(try await gate().judge(contentType: nil, body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.invalidJSON)])
        #expect(body.pulls.value == 2)
        #expect(rejection.status == .badRequest)
        let oneShot = try sniffer.verdict(chunks.flatMap { $0 }, declared: nil, policy: .deeploy)
        #expect(oneShot.reasons.first.map(PayloadGate.Reason.init) == rejection.reasons.first)
    }

    @Test func jsonCutOffAtTheEndIsJudgedWholeNotEarly() async throws {
        let body = CountedChunks([Array("{\"a\":".utf8), Array(" [1, 2".utf8)])
        let rejection = try #require(try await gate().judge(contentType: "application/json", body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.invalidJSON)])
        #expect(rejection.verdict != nil)
        #expect(body.pulls.value == 3)
    }

    @Test func anELFDeclaredAsPNGIsRefusedAtTheFirstChunk() async throws {
        var rng = SplitMix64(seed: 19)
        let elf = try Self.corpus("valid/binary/elf64-executable.elf")
        let bytes = elf + rng.bytes(64 * 1024 - elf.count)
        let body = CountedChunks(bytes, ranges: [0..<32 * 1024, 32 * 1024..<64 * 1024])
        let rejection = try #require(try await gate().judge(contentType: "image/png", body: body).rejection)
        #expect(rejection.codes == [PayloadGate.Code(.declaredMismatch)])
        #expect(body.pulls.value == 1)
        #expect(rejection.status == .unsupportedMediaType)
        #expect(rejection.reasons[0].message.contains("not an image"))
        let oneShot = try sniffer.verdict(bytes, declared: "image/png", policy: .deeploy)
        #expect(oneShot.reasonCodes == [.declaredMismatch])
    }

    @Test func aPrefixShorterThanTheLibmagicWindowDecidesNoMismatch() async throws {
        // libmagic's answer on 1 KiB may change with the bytes after it, so the gate reads on.
        let elf = try Self.corpus("valid/binary/elf64-executable.elf")
        let body = CountedChunks([elf, Array(repeating: 0, count: 1024)])
        let rejection = try #require(try await gate().judge(contentType: "image/png", body: body).rejection)
        #expect(rejection.verdict != nil)
        #expect(body.pulls.value == 3)
    }

    @Test func aPDFDeclaredAsPNGIsNotRefusedEarlyButWhole() async throws {
        // %PDF is a signature: the gate leaves the verdict to the whole body.
        let pdf = Array("%PDF-1.4\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 20_000)
        let body = CountedChunks(pdf, ranges: [0..<18_000, 18_000..<pdf.count])
        let rejection = try #require(try await gate().judge(contentType: "image/png", body: body).rejection)
        #expect(rejection.verdict == (try sniffer.verdict(pdf, declared: "image/png", policy: .deeploy)))
    }

    // MARK: Acceptance

    @Test func anAbsentContentTypeIsForwardedAsJSON() async throws {
        let json = Array(#"{"instances": [[1, 2, 3]]}"#.utf8)
        let body = CountedChunks(json, ranges: [0..<3, 3..<3, 3..<json.count])
        let accepted = try #require(try await gate(maximumSize: 1 << 20).judge(contentType: nil, body: body).acceptance)
        #expect(accepted.contentType == .applicationJSON)
        #expect(accepted.body == json)
        #expect(accepted.verdict == (try sniffer.verdict(json, declared: nil, policy: gate(maximumSize: 1 << 20).policy)))
    }

    @Test func anAcceptedImageKeepsItsNormalisedTypeAndEveryByte() async throws {
        let body = CountedChunks(Self.png, ranges: [0..<5, 5..<Self.png.count])
        let accepted = try #require(try await gate().judge(contentType: "IMAGE/PNG", body: body).acceptance)
        #expect(accepted.contentType.description == "image/png")
        #expect(accepted.body == Self.png)
        #expect(accepted.verdict == (try sniffer.verdict(Self.png, declared: "IMAGE/PNG", policy: .deeploy)))
    }

    // MARK: Problem details

    @Test func eachCodeFamilyHasItsStatus() {
        #expect(PayloadGate.status(for: PayloadGate.Code(.tooLarge)) == .contentTooLarge)
        for code in [Verdict.Code.invalidJSON, .invalidDeclaredType, .empty] {
            #expect(PayloadGate.status(for: PayloadGate.Code(code)) == .badRequest)
        }
        for code in [Verdict.Code.notAcceptedType, .declaredMismatch, .subtypeMismatch, .binaryAsText, .charsetMismatch, .scriptable, .polyglot] {
            #expect(PayloadGate.status(for: PayloadGate.Code(code)) == .unsupportedMediaType)
        }
        #expect(PayloadGate.status(for: .unsupportedEncoding) == .unsupportedMediaType)
        #expect(PayloadGate.status(for: .compressionBomb) == .contentTooLarge)
        #expect(PayloadGate.status(for: .invalidEncoding) == .badRequest)
    }

    @Test func aProblemBodyCarriesTheCodesAndMessages() async throws {
        let text = Array("plain words, not JSON".utf8)
        let rejection = try #require(try await gate().judge(contentType: nil, body: CountedChunks([text])).rejection)
        let problem = rejection.problemDetails()
        let object = try #require(problem.objectValue)
        // Refused early, at its first byte: no whole verdict, so no suggestion.
        #expect(object.keys == ["type", "title", "status", "detail", "codes", "reasons"])
        #expect(object["type"] == "about:blank")
        #expect(object["title"] == "Bad Request")
        #expect(object["status"] == 400)
        #expect(object["codes"] == ["invalid-json"])
        #expect(object["detail"] == .string(rejection.reasons[0].message))
        #expect(object["reasons"] == [["code": "invalid-json", "message": .string(rejection.reasons[0].message)]])
        let serialized = problem.serialized()
        #expect(try JSONParser.parse(serialized) == problem)
        #expect(PayloadGate.Rejection.problemContentType.description == "application/problem+json")
        let typed = rejection.problemDetails(typeBase: "https://errors.example.com/payload/")
        #expect(typed.objectValue?["type"] == "https://errors.example.com/payload/invalid-json")
    }

    @Test func problemBodiesForEachFamily() async throws {
        let tooLarge = try #require(try await gate(maximumSize: 4).judge(contentType: nil, body: CountedChunks([Array("[1,2,3]".utf8)])).rejection)
        #expect(tooLarge.problemDetails().objectValue?["status"] == 413)
        #expect(tooLarge.problemDetails().objectValue?["title"] == "Content Too Large")
        #expect(tooLarge.problemDetails().objectValue?["suggestedContentType"] == nil)
        let encoding = try #require(try await gate().judge(contentType: nil, contentEncoding: "br", body: CountedChunks([])).rejection)
        #expect(encoding.problemDetails().objectValue?["codes"] == ["unsupported-encoding"])
        #expect(encoding.problemDetails().objectValue?["status"] == 415)
        let mismatch = try #require(try await gate().judge(contentType: "application/pdf", body: CountedChunks([Self.png])).rejection)
        #expect(mismatch.problemDetails().objectValue?["status"] == 415)
        #expect(mismatch.problemDetails().objectValue?["suggestedContentType"] == "image/png")
    }

    @Test func aProblemBodyNeverHoldsTheAuthorizationOrThePayloadBytes() async throws {
        let secret = "SECRET-TOKEN-VALUE"
        let body = Array("{\"token\": \"\(secret)\", oops}".utf8)
        let rejection = try #require(try await gate().judge(contentType: nil, body: CountedChunks([body])).rejection)
        let text = String(decoding: rejection.problemDetails().serialized(), as: UTF8.self)
        #expect(!text.contains(secret))
    }
}
