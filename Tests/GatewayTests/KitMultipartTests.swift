import DeeployGatewayKit
import DeeployPayload
import DeeployTestSupport
import HTTPTypes
import Logging
import NIOCore
import Testing

/// `multipart/form-data`: each file part judged, the chosen part forwarded, limits and codes.
@Suite struct KitMultipartTests {
    let logger = Logger(label: "kit-multipart")

    func judge(_ form: FormBuilder, body: [UInt8]? = nil, chunkSize: Int = 1 << 16, gateway: PayloadGateway = KitFixtures.gateway())
        async throws -> GatewayOutcome
    {
        try await gateway.judge(fields: KitFixtures.fields(form.contentType), body: BufferChunks(body ?? form.body(), chunkSize: chunkSize), logger: logger)
    }

    @Test func theFirstFilePartIsForwardedWithItsContentType() async throws {
        let png = try KitFixtures.corpus("valid/image/png-1x1.png")
        var form = FormBuilder()
        form.field("note", "a cat")
        form.file("image", fileName: "cat.png", contentType: "image/png", png)
        form.file("meta", fileName: "meta.json", contentType: "application/json", Array("{}".utf8))
        for chunkSize in [1, 3, 64, 1 << 16] {
            let outcome = try await judge(form, chunkSize: chunkSize)
            let acceptance = try #require(outcome.acceptance, "chunks of \(chunkSize)")
            #expect(acceptance.bytes == png)
            #expect(acceptance.contentType.essence == "image/png")
            #expect(acceptance.partName == "image" && acceptance.fileName == "cat.png")
            #expect(acceptance.forwardedFields[.contentType] == "image/png")
        }
    }

    @Test func theNamedPartIsForwarded() async throws {
        var form = FormBuilder()
        form.file("image", contentType: "image/png", try KitFixtures.corpus("valid/image/png-1x1.png"))
        form.file("meta", contentType: "application/json", Array(#"{"a": 1}"#.utf8))
        let gateway = KitFixtures.gateway(multipart: MultipartRules(forwardedPart: "meta"))
        let acceptance = try #require(try await judge(form, gateway: gateway).acceptance)
        #expect(acceptance.bytes == Array(#"{"a": 1}"#.utf8))
        #expect(acceptance.contentType.essence == "application/json")
    }

    @Test func everyFilePartIsJudgedNotOnlyTheForwardedOne() async throws {
        var form = FormBuilder()
        form.file("image", contentType: "image/png", try KitFixtures.corpus("valid/image/png-1x1.png"))
        form.file("payload", fileName: "run.png", contentType: "image/png", try KitFixtures.elf64KiB())
        let refusal = try #require(try await judge(form).refusal)
        #expect(refusal.status == .unsupportedMediaType && refusal.codes == ["declared-mismatch"])
        #expect(refusal.partName == "payload")
        let problem = try KitFixtures.problem(refusal.body)
        #expect(problem["part"]?.stringValue == "payload")
        #expect(problem["detail"]?.stringValue?.hasPrefix(#"form field "payload""#) == true)
    }

    @Test(arguments: [
        "multipart/form-data", "multipart/form-data; boundary=\"\"", "multipart/form-data; charset=utf-8",
        "Multipart/Form-Data", "MULTIPART/FORM-DATA; charset=utf-8",
    ])
    func aFormWithoutABoundaryIsRefused400(contentType: String) async throws {
        let body = BufferChunks([Array("--x\r\n\r\n".utf8)])
        let outcome = try await KitFixtures.gateway().judge(fields: KitFixtures.fields(contentType), body: body, logger: logger)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .badRequest && refusal.codes == ["multipart-no-boundary"])
        #expect(body.pulls.value == 0)
    }

    @Test func aBoundaryWithForbiddenCharactersIsRefused400() async throws {
        let outcome = try await KitFixtures.gateway().judge(
            fields: KitFixtures.fields("multipart/form-data; boundary=\"a{b}\""), body: BufferChunks([[1]]), logger: logger
        )
        #expect(outcome.refusal?.codes == ["multipart-invalid-boundary"])
    }

    @Test func anOversizedPartIsRefused413AtTheChunkThatPassesIt() async throws {
        var form = FormBuilder()
        form.file("big", contentType: "application/octet-stream", [UInt8](repeating: 7, count: 200_000))
        let body = BufferChunks(form.body(), chunkSize: 4096)
        let gateway = KitFixtures.gateway(multipart: MultipartRules(maximumPartSize: 10_000))
        let outcome = try await gateway.judge(fields: KitFixtures.fields(form.contentType), body: body, logger: logger)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .contentTooLarge && refusal.codes == ["multipart-part-too-large"])
        #expect(refusal.partName == "big")
        #expect(body.pulls.value <= 4, "read \(body.pulls.value) chunks of 4 KiB for a 10,000-byte part limit")
    }

    @Test func aThousandPartsAreRefused413PastTheCount() async throws {
        var form = FormBuilder()
        for index in 0..<1000 { form.field("f\(index)", "v") }
        let outcome = try await judge(form)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .contentTooLarge && refusal.codes == ["multipart-too-many-parts"])
    }

    @Test func aFormWithoutAFilePartIsRefused() async throws {
        var form = FormBuilder()
        form.field("name", "value")
        let refusal = try #require(try await judge(form).refusal)
        #expect(refusal.status == .badRequest && refusal.codes == ["multipart-no-file-part"])
    }

    @Test func aFormCutOffInsideAPartIsInvalid() async throws {
        var form = FormBuilder()
        form.file("image", contentType: "image/png", try KitFixtures.corpus("valid/image/png-1x1.png"))
        let body = form.body()
        let cut = Array(body[..<(body.count - 40)])
        let refusal = try #require(try await judge(form, body: cut).refusal)
        #expect(refusal.status == .badRequest && refusal.codes == ["multipart-invalid"])
    }

    @Test func aBodyWithoutTheBoundaryIsInvalid() async throws {
        let form = FormBuilder()
        let refusal = try #require(try await judge(form, body: Array("just some text".utf8)).refusal)
        #expect(refusal.codes == ["multipart-invalid"])
    }

    @Test func malformedPartHeadersAreInvalid() async throws {
        let form = FormBuilder()
        let body = Array("--\(form.boundary)\r\nContent Disposition: x\r\n\r\nabc\r\n--\(form.boundary)--\r\n".utf8)
        let refusal = try #require(try await judge(form, body: body).refusal)
        #expect(refusal.codes == ["multipart-invalid"])
    }

    /// multipart-kit 4.7.1's parser traps on a byte of 0x80 or more in a part's header name. A
    /// 0xFF put at every position of a form, in one chunk and in chunks of 7: where it lands in a
    /// header name the form is refused for it, and elsewhere (the preamble, a value holding a
    /// UTF-8 file name, a body, the epilogue) it is not.
    @Test func aNonASCIIByteIsRefusedInAHeaderNameAndOnlyThere() async throws {
        let boundary = "b0undary"
        var body: [UInt8] = []
        var namePositions = Set<Int>()
        func add(_ text: String) { body += Array(text.utf8) }
        func name(_ text: String) {
            namePositions.formUnion(body.count...(body.count + text.utf8.count))
            add(text)
        }
        func endOfHeaders() {
            namePositions.insert(body.count)
            add("\r\n")
        }
        add("préambule \u{FF}\r\n--\(boundary)\r\n")
        name("Content-Disposition")
        add(#": form-data; name="image"; filename="chat-été.png""# + "\r\n")
        name("Content-Type")
        add(": image/png\r\n")
        endOfHeaders()
        body += try KitFixtures.corpus("valid/image/png-1x1.png")
        add("\r\n--\(boundary)\r\n")
        name("Content-Disposition")
        add(#": form-data; name="note""# + "\r\n")
        endOfHeaders()
        add("naïve\r\n--\(boundary)--\r\népilogue")
        let fields = KitFixtures.fields("multipart/form-data; boundary=\(boundary)")

        let clean = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks([body]), logger: logger)
        #expect(clean.acceptance?.fileName == "chat-été.png")
        for position in 0...body.count {
            var bytes = body
            bytes.insert(0xFF, at: position)
            for chunkSize in [bytes.count, 7] {
                let outcome = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks(bytes, chunkSize: chunkSize), logger: logger)
                let detail = try outcome.refusal.map { try KitFixtures.problem($0.body)["detail"]?.stringValue ?? "" } ?? ""
                if namePositions.contains(position) {
                    #expect(outcome.refusal?.status == .badRequest && outcome.refusal?.codes == ["multipart-invalid"], "0xFF at \(position)")
                    #expect(detail.contains("header name holds the byte 0xFF at byte \(position);"), "0xFF at \(position): \(detail)")
                } else {
                    #expect(!detail.contains("header name"), "0xFF at \(position): \(detail)")
                }
            }
        }
    }

    @Test func aPartContentTypeWithControlCharactersIsAnInvalidDeclaredType() async throws {
        var form = FormBuilder()
        form.file("image", contentType: "image/png\u{0}x", try KitFixtures.corpus("valid/image/png-1x1.png"))
        let refusal = try #require(try await judge(form).refusal)
        #expect(refusal.status == .badRequest && refusal.codes == ["invalid-declared-type"])
    }

    @Test func anEncodedFormIsRefused415() async throws {
        var form = FormBuilder()
        form.file("image", contentType: "image/png", try KitFixtures.corpus("valid/image/png-1x1.png"))
        let fields = KitFixtures.fields(form.contentType, [.contentEncoding: "gzip"])
        let outcome = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks([form.body()]), logger: logger)
        #expect(outcome.refusal?.codes == ["unsupported-encoding"])
    }

    /// Seeded random chunkings of a few forms give the outcome of the one-chunk body.
    @Test func randomChunkingsGiveTheSameOutcome() async throws {
        var rng = SplitMix64(seed: 0x6A7E_F0)
        let png = try KitFixtures.corpus("valid/image/png-1x1.png")
        var forms: [FormBuilder] = []
        var good = FormBuilder()
        good.field("a", "1")
        good.file("image", contentType: "image/png", png)
        forms.append(good)
        var bad = good
        bad.file("doc", contentType: "application/json", Array("{nope".utf8))
        forms.append(bad)
        for form in forms {
            let body = form.body()
            let whole = try await judge(form)
            for _ in 0..<40 {
                let chunks = rng.chunkRanges(count: body.count, maxChunk: 1 + rng.below(200)).map { Array(body[$0]) }
                let outcome = try await KitFixtures.gateway().judge(fields: KitFixtures.fields(form.contentType), body: BufferChunks(chunks), logger: logger)
                #expect(outcome.acceptance?.bytes == whole.acceptance?.bytes)
                #expect(outcome.refusal?.codes == whole.refusal?.codes)
            }
        }
    }
}
