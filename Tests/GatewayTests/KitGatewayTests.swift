import DeeployGatewayKit
import DeeployPayload
import DeeployTestSupport
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import StrictJSON
import Testing

/// PayloadGateway on plain bodies: what it forwards, what it refuses, and the problem body.
@Suite struct KitGatewayTests {
    let logger = Logger(label: "kit-tests")

    /// A body without a Content-Encoding is held by the gateway, not by the gate's session (see
    /// `PayloadGate.Session.isHeldByCaller`), and forwarded as the buffer it holds. Its outcome
    /// is the library's gate's, fed the same chunks: the same forwarded bytes, type and verdict,
    /// or the same refusal after reading as many chunks. Corpus bodies, a 1.4 MiB body that
    /// starts as a PNG and a 0.7 MiB JSON document, as they are and mutated, in random chunks,
    /// and an empty body, under a few declared types, lengths and maximum sizes.
    @Test func aBodyTheGatewayHoldsGetsTheOutcomeOfTheGate() async throws {
        var rng = SplitMix64(seed: 0x4E1D_6A7E)
        var png = try KitFixtures.corpus("valid/image/png-1x1.png")
        png.insert(contentsOf: rng.bytes(1_500_000), at: 33)  // past the IHDR chunk: the signature stays, the structure breaks
        let json = Array("[\((0..<150_000).map { "\($0 % 1000)" }.joined(separator: ", "))]".utf8)
        let paths = [
            "valid/json/chat-messages.json", "valid/image/png-1x1.png", "valid/binary/elf64-executable.elf",
            "valid/binary/random-4k.bin", "polyglot/png-zip-appended.png", "valid/json/deep-400.json",
        ]
        var bodies = try paths.map { try KitFixtures.corpus($0) } + [png, json]
        bodies += bodies.map { EncodingMutations.mutate($0, with: &rng) } + [[]]
        var accepted = 0
        var refused = 0
        for bytes in bodies {
            for declared in [nil, "application/json", "image/png", "text/plain", "application/octet-stream"] {
                let length = rng.pick([bytes.count, bytes.count, nil, bytes.count / 2, bytes.count + 10])
                let maximum = rng.oneIn(3) ? max(1, bytes.count - rng.below(bytes.count / 2 + 1)) : 2 << 20
                if let length, length > maximum { continue }  // refused on its header, before the body
                let gateway = KitFixtures.gateway(maximumSize: maximum)
                var chunks: [[UInt8]] = []
                var start = 0
                while start < bytes.count {
                    let size = 1 + rng.below(rng.oneIn(3) ? 100 : 200_000)
                    chunks.append(Array(bytes[start..<min(bytes.count, start + size)]))
                    start += size
                }
                let context = "\(bytes.count) bytes in \(chunks.count) chunks declared \(declared ?? "nil"), length \(length.map(String.init) ?? "nil"), maximum \(maximum)"
                let fields = KitFixtures.fields(declared, length.map { [.contentLength: "\($0)"] } ?? [:])
                let gatewayBody = BufferChunks(chunks)
                let outcome = try await gateway.judge(fields: fields, body: gatewayBody, logger: logger)
                let gateBody = BufferChunks(chunks)
                let expected = try await gateway.gate.judge(contentType: declared, contentLength: length, body: gateBody.map(\.readableBytesView))
                #expect(outcome.acceptance?.bytes == expected.acceptance?.body, "\(context)")
                #expect(outcome.acceptance?.contentType == expected.acceptance?.contentType, "\(context)")
                #expect(outcome.acceptance?.verdict == expected.acceptance?.verdict, "\(context)")
                #expect(outcome.refusal?.codes == expected.rejection?.codes.map(\.rawValue), "\(context)")
                #expect(gatewayBody.pulls.value == gateBody.pulls.value, "\(context): read \(gatewayBody.pulls.value) chunks, the gate \(gateBody.pulls.value)")
                if outcome.acceptance != nil { accepted += 1 } else { refused += 1 }
            }
        }
        #expect(accepted > 10 && refused > 20, "\(accepted) accepted, \(refused) refused")
    }

    @Test func jsonIsForwardedWithItsBytesAndNormalisedFields() async throws {
        let json = Array(#"{"instances": [[1, 2, 3]]}"#.utf8)
        let fields = KitFixtures.fields("Application/JSON; charset=UTF-8", [.authorization: "Bearer abc.def", .contentLength: "\(json.count)"])
        let outcome = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks(json, chunkSize: 5), logger: logger)
        let acceptance = try #require(outcome.acceptance)
        #expect(acceptance.bytes == json)
        #expect(acceptance.contentType.essence == "application/json")
        #expect(acceptance.verdict.isAccepted)
        #expect(acceptance.forwardedFields[.contentType] == acceptance.contentType.description)
        #expect(acceptance.forwardedFields[.contentLength] == nil)
        #expect(acceptance.forwardedFields[.authorization] == "Bearer abc.def")
        #expect(acceptance.partName == nil)
    }

    /// A body that declares its length (up to 64 KiB) and arrives as one buffer is judged where
    /// it lies, not copied into the session; one that arrives in more buffers has its first
    /// handed to the session when the second comes. Either way the outcome is the one the
    /// session gives a body it is fed: the same forwarded bytes and type, or the same refusal.
    @Test func aBodyJudgedInItsOneBufferGetsTheOutcomeOfAFedBody() async throws {
        let paths = [
            "valid/json/chat-messages.json", "valid/json/object-duplicate-keys.json", "valid/image/png-1x1.png",
            "valid/binary/elf64-executable.elf", "valid/binary/random-4k.bin", "mislabeled/json-declared-png.json",
            "polyglot/png-zip-appended.png", "valid/json/deep-400.json",
        ]
        var rng = SplitMix64(seed: 0xB0FF_E12)
        var compared = 0
        for path in paths {
            let bytes = try KitFixtures.corpus(path)
            for declared in [nil, "application/json", "image/png", "text/plain", "application/octet-stream", "video/mp4"] {
                let gateway = KitFixtures.gateway()
                let fields = KitFixtures.fields(declared, [.contentLength: "\(bytes.count)"])
                let split = 1 + rng.below(max(1, bytes.count - 1))
                let whole = try await gateway.judge(fields: fields, body: BufferChunks([bytes]), logger: logger)
                let twoBuffers = try await gateway.judge(fields: fields, body: BufferChunks([Array(bytes[..<split]), Array(bytes[split...])]), logger: logger)
                // Without a Content-Length, the session is fed the buffer as it comes.
                let fed = try await gateway.judge(fields: KitFixtures.fields(declared), body: BufferChunks([bytes]), logger: logger)
                for (name, outcome) in [("one buffer", whole), ("two buffers", twoBuffers)] {
                    let context = "\(path) declared \(declared ?? "nil"), \(name)"
                    #expect(outcome.acceptance?.bytes == fed.acceptance?.bytes, "\(context)")
                    #expect(outcome.acceptance?.contentType == fed.acceptance?.contentType, "\(context)")
                    #expect(outcome.acceptance?.verdict == fed.acceptance?.verdict, "\(context)")
                    #expect(outcome.refusal?.codes == fed.refusal?.codes, "\(context)")
                    #expect(outcome.refusal?.status == fed.refusal?.status, "\(context)")
                }
                compared += 1
            }
        }
        #expect(compared == 48)
    }

    @Test func aBodyWithoutContentTypeIsForwardedAsJSON() async throws {
        let json = Array("[1, 2]".utf8)
        let outcome = try await KitFixtures.gateway().judge(fields: [:], body: BufferChunks([json]), logger: logger)
        let acceptance = try #require(outcome.acceptance)
        #expect(acceptance.contentType.essence == "application/json")
        #expect(acceptance.forwardedFields[.contentType] == "application/json")
    }

    @Test func gzipIsForwardedDecodedWithoutContentEncoding() async throws {
        let json = Array(#"{"inputs": "hello"}"#.utf8)
        let gzip = Deflater.compress(json, as: .gzip)
        let fields = KitFixtures.fields("application/json", [.contentEncoding: "gzip", .contentLength: "\(gzip.count)"])
        let outcome = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks(gzip, chunkSize: 7), logger: logger)
        let acceptance = try #require(outcome.acceptance)
        #expect(acceptance.bytes == json)
        #expect(acceptance.decodedEncoding == .gzip)
        #expect(acceptance.forwardedFields[.contentEncoding] == nil)
    }

    @Test func anELFDeclaredAsPNGIsRefusedAtTheFirstChunkWithAProblemBody() async throws {
        let elf = try KitFixtures.elf64KiB()
        let body = BufferChunks([elf, elf, elf])
        let outcome = try await KitFixtures.gateway().judge(fields: KitFixtures.fields("image/png"), body: body, logger: logger)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .unsupportedMediaType)
        #expect(refusal.codes == ["declared-mismatch"])
        #expect(body.pulls.value == 1)
        #expect(refusal.fields[.contentType] == "application/problem+json")
        let problem = try KitFixtures.problem(refusal.body)
        #expect(problem["status"]?.numberValue?.description == "415")
        #expect(problem["title"]?.stringValue == "Unsupported Media Type")
        #expect(problem["type"]?.stringValue == "about:blank")
        #expect(KitFixtures.codes(problem) == ["declared-mismatch"])
        #expect(problem["detail"]?.stringValue?.contains("not an image") == true)
    }

    @Test func anHonestContentLengthPastTheLimitIsRefusedBeforeAByteIsRead() async throws {
        let body = BufferChunks([[UInt8](repeating: 0x20, count: 10)])
        let fields = KitFixtures.fields("application/json", [.contentLength: "2048"])
        let outcome = try await KitFixtures.gateway(maximumSize: 1024).judge(fields: fields, body: body, logger: logger)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .contentTooLarge && refusal.codes == ["too-large"])
        #expect(body.pulls.value == 0 && refusal.bytesRead == 0)
    }

    @Test func aChunkedBodyPastTheLimitIsRefusedAtTheChunkThatPassesIt() async throws {
        let chunk = [UInt8](repeating: 0x20, count: 400)
        let body = BufferChunks(Array(repeating: chunk, count: 10))
        let outcome = try await KitFixtures.gateway(maximumSize: 1000).judge(fields: KitFixtures.fields("application/json"), body: body, logger: logger)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.codes == ["too-large"])
        #expect(body.pulls.value == 3)
    }

    @Test func problemTypeBaseNamesTheFirstCode() async throws {
        var gateway = KitFixtures.gateway()
        gateway.problemTypeBase = "https://errors.example.com/payload/"
        let outcome = try await gateway.judge(fields: KitFixtures.fields("video/mp4"), body: BufferChunks([[1]]), logger: logger)
        let problem = try KitFixtures.problem(try #require(outcome.refusal).body)
        #expect(problem["type"]?.stringValue == "https://errors.example.com/payload/not-accepted-type")
    }

    @Test func anUnsupportedEncodingIsRefused415() async throws {
        let fields = KitFixtures.fields("application/json", [.contentEncoding: "br"])
        let outcome = try await KitFixtures.gateway().judge(fields: fields, body: BufferChunks([[1]]), logger: logger)
        let refusal = try #require(outcome.refusal)
        #expect(refusal.status == .unsupportedMediaType && refusal.codes == ["unsupported-encoding"])
    }

    @Test func fieldsConvertToNIOHeadersAndBackInOrder() {
        var fields = HTTPFields()
        fields[.contentType] = "image/png"
        fields.append(HTTPField(name: .init("X-Trace")!, value: "a"))
        fields.append(HTTPField(name: .init("X-Trace")!, value: "b"))
        fields[.authorization] = "Bearer t0k3n"
        let headers = HTTPHeaders(fields)
        #expect(headers.map(\.name) == ["Content-Type", "X-Trace", "X-Trace", "Authorization"])
        #expect(headers["X-Trace"] == ["a", "b"])
        #expect(HTTPFields(headers) == fields)
        let odd = HTTPHeaders([("Bad Name", "x"), ("Good", "y")])
        #expect(HTTPFields(odd).map(\.name.rawName) == ["Good"])
        #expect(HTTPFields.droppedNames(converting: odd) == ["Bad Name"])
    }
}
