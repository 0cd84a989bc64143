import AsyncHTTPClient
import DeeployGatewayKit
import DeeployHummingbird
import DeeployPayload
import DeeployTestSupport
import Foundation
import LoopbackTesting
import NIOCore
import StrictJSON
import Testing

/// The Hummingbird middleware and route helpers over real sockets: a Hummingbird app on
/// 127.0.0.1 (port 0) and AsyncHTTPClient, or a raw TCP socket for requests AsyncHTTPClient
/// will not send.
@Suite(.loopback) struct HummingbirdMiddlewareTests {
    static let limit = 256 * 1024

    static func gateway(checksAuthorization: Bool = false) -> PayloadGateway {
        KitFixtures.gateway(maximumSize: limit, checksAuthorization: checksAuthorization, multipart: MultipartRules(maximumPartSize: 128 * 1024))
    }

    static func codes(_ body: [UInt8]) throws -> [String] {
        KitFixtures.codes(try JSONParser.parse(body))
    }

    @Test(arguments: ["/mw/echo", "/route", "/judge"])
    func acceptedJSONAndPNGReachTheHandlerWithIdenticalBytes(path: String) async throws {
        let json = Array(#"{"instances": [[0.5, 1.5], [2.5, 3.5]]}"#.utf8)
        let png = try KitFixtures.corpus("valid/image/png-1x1.png")
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            for (bytes, declared, effective) in [(json, "application/json", "application/json"), (png, "image/png", "image/png"), (json, nil, "application/json")] {
                let fields = declared.map { [("Content-Type", $0)] } ?? []
                let response = try await server.post(path, .bytes(ByteBuffer(bytes: bytes)), fields: fields)
                #expect(response.status == 200, "\(path) \(declared ?? "no type")")
                #expect(response.body == bytes)
                #expect(response.headers.value("X-Effective-Type")?.hasPrefix(effective) == true)
                #expect(response.headers.value("X-Request-Content-Type")?.hasPrefix(effective) == true)
                #expect(response.headers.value("X-Request-Length") == "\(bytes.count)")
                #expect(response.headers.value("X-Replayed") == "same")
            }
        }
    }

    @Test(arguments: ["/mw/echo", "/route", "/judge"])
    func anELFDeclaredAsPNGIsRefused415AtTheFirstChunk(path: String) async throws {
        let elf = try KitFixtures.elf64KiB()
        // The upload stalls after its first 64 KiB chunk; the answer comes within the stall.
        let body = UploadChunks(elf + elf + elf, chunkSize: elf.count, stallAfterFirst: .seconds(120))
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let response = try await server.post(path, .stream(body, length: .unknown), fields: [("Content-Type", "image/png")], timeout: .seconds(300))
            #expect(body.sent == 1, "the refusal waited for the rest of the upload")
            #expect(response.status == 415)
            #expect(response.headers.value("Content-Type") == "application/problem+json")
            #expect(try Self.codes(response.body) == ["declared-mismatch"])
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    @Test func aChunkedBodyOverTheLimitIsRefused413() async throws {
        let big = [UInt8](repeating: 0x20, count: 4 * Self.limit)
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let response = try await server.post("/mw/echo", .stream(UploadChunks(big, chunkSize: 16 * 1024), length: .unknown), fields: [("Content-Type", "application/json")])
            #expect(response.status == 413)
            #expect(try Self.codes(response.body) == ["too-large"])
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    @Test func anHonestContentLengthOverTheLimitIsRefused413BeforeTheBodyIsSent() async throws {
        let big = [UInt8](repeating: 0x20, count: 4 * Self.limit)
        let body = UploadChunks(big, chunkSize: 16 * 1024, stallAfterFirst: .seconds(120))
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let response = try await server.post(
                "/mw/echo", .stream(body, length: .known(Int64(big.count))), fields: [("Content-Type", "application/json")], timeout: .seconds(300))
            #expect(body.sent <= 1, "the refusal waited for the body")
            #expect(response.status == 413)
            #expect(try Self.codes(response.body) == ["too-large"])
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    /// A Content-Length larger than the body the client sends, past the limit: refused on the
    /// header, whatever follows.
    @Test func aLyingLargeContentLengthIsRefused413OnItsHeader() async throws {
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let request = Array("POST /mw/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n[1]".utf8)
            let answer = await RawSocket.exchange(port: server.port, request, responses: 1)
            #expect(RawSocket.status(answer) == 413)
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    /// A Content-Length smaller than the body: the server reads that many bytes as the body,
    /// and the rest as the next request, which is not HTTP: 400 from Hummingbird's parser, and
    /// the connection closes. An oversized body cannot be smuggled past the limit this way.
    @Test func aLyingSmallContentLengthJudgesOnlyTheDeclaredBytes() async throws {
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let rest = String(repeating: "9", count: 2 * Self.limit)
            let request = Array("POST /mw/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n[1]\(rest)".utf8)
            let answer = String(decoding: await RawSocket.exchange(port: server.port, request, closeWrite: true), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            #expect(answer.contains("\r\n\r\n[1]"))
            #expect(answer.contains("HTTP/1.1 400"))
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    /// A chunked upload in 5-byte chunks, 40 ms apart. It is sent from a thread of its own: sent
    /// through AsyncHTTPClient, whose body-writing task has the default priority, a full test run's
    /// fuzz tasks once stretched the pauses past a 30-second deadline.
    @Test func aSlowBodyIsJudgedWhenItEnds() async throws {
        let json = Array(#"{"instances": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}"#.utf8)
        let head = Array("POST /mw/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let chunks = stride(from: 0, to: json.count, by: 5).map { start in
            let chunk = json[start..<min(start + 5, json.count)]
            return Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + Array("\r\n".utf8)
        }
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let answer = await RawSocket.exchange(
                port: server.port, head, pieces: chunks + [Array("0\r\n\r\n".utf8)], pause: .milliseconds(40), responses: 1
            )
            #expect(RawSocket.status(answer) == 200, "\(String(decoding: answer.prefix(80), as: UTF8.self))")
            #expect(answer.suffix(json.count).elementsEqual(json))
        }
    }

    @Test func aClientThatDisconnectsMidUploadLeavesTheServerServing() async throws {
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            for _ in 0..<3 {
                let request = Array("POST /mw/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[1, 2, 3,".utf8)
                _ = await RawSocket.exchange(port: server.port, request, abandon: true)
            }
            let healthy = try await server.isHealthy()
            #expect(healthy)
            let response = try await server.post("/mw/echo", .bytes(ByteBuffer(string: "[1]")), fields: [("Content-Type", "application/json")])
            #expect(response.status == 200)
        }
    }

    /// CR, LF and NUL in a Content-Type: NIO's HTTP parser refuses each before the middleware
    /// sees it (400 and the connection closed); the server keeps serving.
    @Test(arguments: ["image/png\u{0}x", "image/png\rx", "ima\nge/png"])
    func aContentTypeWithControlCharactersIsRefusedByTheParser(contentType: String) async throws {
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let request = Array("POST /mw/echo HTTP/1.1\r\nHost: x\r\nContent-Type: \(contentType)\r\nContent-Length: 2\r\n\r\n{}".utf8)
            let answer = await RawSocket.exchange(port: server.port, request, responses: 1)
            #expect(RawSocket.status(answer) == 400, "\(String(decoding: answer.prefix(80), as: UTF8.self))")
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    @Test func aGzipBombIsRefused413AndTruncatedGzip400() async throws {
        let bomb = Deflater.repeating(0, count: 64 << 20, as: .gzip)
        let json = Array(String(repeating: #"{"a": [1, 2, 3]}, "#, count: 200).utf8)
        let gzip = Deflater.compress(Array("[".utf8) + json + Array("{}]".utf8), as: .gzip)
        try await HummingbirdTestServer.with(gateway: Self.gateway()) { server in
            let response = try await server.post("/mw/echo", .bytes(ByteBuffer(bytes: bomb)), fields: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
            #expect(response.status == 413)
            #expect(try Self.codes(response.body).first == "compression-bomb")
            let truncated = Array(gzip.prefix(gzip.count / 2))
            let cut = try await server.post("/mw/echo", .bytes(ByteBuffer(bytes: truncated)), fields: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
            #expect(cut.status == 400)
            #expect(try Self.codes(cut.body) == ["invalid-encoding"])
            let whole = try await server.post("/mw/echo", .bytes(ByteBuffer(bytes: gzip)), fields: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
            #expect(whole.status == 200 && whole.body.count > gzip.count)
            let healthy = try await server.isHealthy()
            #expect(healthy)
        }
    }

    @Test func theNewlineDiagnosisIsRefused401() async throws {
        let secret = "S3cr3t-Hummingbird-4471"
        let authorization = "Basic " + Data("AKIA-hb:\(secret)\n".utf8).base64EncodedString()
        try await HummingbirdTestServer.with(gateway: Self.gateway(checksAuthorization: true)) { server in
            let response = try await server.post("/mw/echo", .bytes(ByteBuffer(string: "{}")), fields: [("Authorization", authorization)])
            #expect(response.status == 401)
            #expect(response.headers.value("WWW-Authenticate")?.hasPrefix("Basic") == true)
            #expect(try Self.codes(response.body) == ["malformed-authorization", "encoded-trailing-newline"])
            #expect(!String(decoding: response.body, as: UTF8.self).contains(secret))
            let good = "Basic " + Data("AKIA-hb:\(secret)".utf8).base64EncodedString()
            let accepted = try await server.post("/mw/echo", .bytes(ByteBuffer(string: "{}")), fields: [("Authorization", good)])
            #expect(accepted.status == 200)
        }
    }
}
