import AsyncHTTPClient
import DeeployGatewayKit
import DeeployPayload
import DeeployTestSupport
import DeeployVapor
import Foundation
import LoopbackTesting
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
import Vapor

/// DeeployPayloadMiddleware in a real Vapor application on 127.0.0.1, port 0, talked to with
/// AsyncHTTPClient.
@Suite("DeeployVapor middleware", .loopback)
struct VaporTests {
    /// How many times a handler ran, to show a refused request never reached one.
    final class Calls: Sendable {
        private let count = Mutex(0)
        func record() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// A running Vapor application with the middleware on `/stream` (`body: .stream`),
    /// `/collect` (Vapor's default, `.collect`) and `/models` (GET).
    struct Server {
        let app: Application
        let port: Int
        let calls: Calls

        var url: String { "http://127.0.0.1:\(port)" }
    }

    static func withServer(maximumSize: Int = 1 << 20, _ body: (Server, HTTPClient) async throws -> Void) async throws {
        var policy = AcceptancePolicy.deeploy
        policy.maximumSize = maximumSize
        let gateway = PayloadGateway(gate: PayloadGate(sniffer: try Sniffer(), policy: policy))
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        // The gateway decodes gzip and deflate itself (see DeeployPayloadMiddleware).
        app.http.server.configuration.requestDecompression = .disabled
        let calls = Calls()
        let judged = app.grouped(DeeployPayloadMiddleware(gateway: gateway))
        let echo: @Sendable (Request) async throws -> Response = { request in
            calls.record()
            // Reads the replayed body as a streaming handler would, as an async sequence.
            var bytes: [UInt8] = []
            for try await chunk in request.body { bytes.append(contentsOf: chunk.readableBytesView) }
            var headers = HTTPHeaders()
            headers.add(name: "X-Effective-Type", value: request.deeployPayload?.contentType.description ?? "none")
            headers.add(name: "X-Accepted", value: request.deeployPayload.map { "\($0.verdict.isAccepted)" } ?? "none")
            headers.add(name: "X-Seen-Content-Length", value: request.headers.first(name: .contentLength) ?? "none")
            headers.add(name: "X-Seen-Content-Encoding", value: request.headers.first(name: .contentEncoding) ?? "none")
            return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: bytes)))
        }
        judged.on(.POST, "stream", body: .stream, use: echo)
        judged.on(.POST, "collect", use: { request in
            calls.record()
            let data = request.body.data ?? ByteBuffer()
            return Response(status: .ok, headers: ["X-Effective-Type": request.deeployPayload?.contentType.description ?? "none"], body: .init(buffer: data))
        })
        judged.on(.GET, "models", use: echo)
        let result: Result<Void, any Error>
        do {
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            do { result = .success(try await body(Server(app: app, port: port, calls: calls), client)) } catch { result = .failure(error) }
            try await client.shutdown()
        } catch {
            await app.server.shutdown()
            try await app.asyncShutdown()
            throw error
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
        try result.get()
    }

    static func send(
        _ client: HTTPClient, _ url: String, method: NIOHTTP1.HTTPMethod = .POST, headers: [(String, String)] = [], body: HTTPClientRequest.Body? = nil
    ) async throws -> (status: Int, headers: HTTPHeaders, body: [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = body
        // A generous deadline, only a guard against a hang: in a full `swift test`, Vapor's
        // middleware tasks wait behind the other tests on the two-thread cooperative pool (they
        // are made on an event loop, so the `.loopback` priority does not reach them). Before the
        // fuzz loops yielded, that stalled these requests past 60 s.
        let response = try await client.execute(request, timeout: .seconds(300))
        let collected = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), response.headers, Array(collected.readableBytesView))
    }

    /// `buffers` as an async sequence, for a streamed (chunked) request body.
    static func stream(_ buffers: [ByteBuffer]) -> AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            for buffer in buffers { continuation.yield(buffer) }
            continuation.finish()
        }
    }

    static let json = Array(#"{"instances": [[1.0, 2.0], [3.0, 4.0]]}"#.utf8)

    static func codes(_ body: [UInt8]) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        return try #require(object["codes"] as? [String])
    }

    @Test("an accepted body is replayed to a streaming handler, with the verdict and the effective type")
    func acceptsAndReplays() async throws {
        try await Self.withServer { server, client in
            let response = try await Self.send(client, server.url + "/stream", body: .bytes(Self.json))
            #expect(response.status == 200)
            #expect(response.body == Self.json)
            #expect(response.headers.first(name: "X-Effective-Type") == "application/json")
            #expect(response.headers.first(name: "X-Accepted") == "true")
            #expect(response.headers.first(name: "X-Seen-Content-Length") == String(Self.json.count))
            #expect(server.calls.value == 1)
        }
    }

    @Test("a gzip body reaches the handler decoded, without Content-Encoding")
    func decodesGzip() async throws {
        try await Self.withServer { server, client in
            let encoded = Deflater.compress(Self.json, as: .gzip)
            let response = try await Self.send(
                client, server.url + "/stream", headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: .bytes(encoded)
            )
            #expect(response.status == 200)
            #expect(response.body == Self.json)
            #expect(response.headers.first(name: "X-Seen-Content-Encoding") == "none")
            #expect(response.headers.first(name: "X-Seen-Content-Length") == String(Self.json.count))
        }
    }

    @Test("a body larger than Vapor's 16 KiB collect default reaches a .collect route whole")
    func collectRoute() async throws {
        let large = Array(#"{"data": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 10) + Array(#""}"#.utf8)
        try await Self.withServer { server, client in
            let response = try await Self.send(client, server.url + "/collect", headers: [("Content-Type", "application/json")], body: .bytes(large))
            #expect(response.status == 200)
            #expect(response.body == large)
            #expect(response.headers.first(name: "X-Effective-Type") == "application/json")
        }
    }

    @Test("refusals are problem bodies, and the handler never runs: 415 mismatch, 400 invalid JSON")
    func refuses() async throws {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 4088)
        try await Self.withServer { server, client in
            let mismatch = try await Self.send(client, server.url + "/stream", headers: [("Content-Type", "image/png")], body: .bytes(elf))
            #expect(mismatch.status == 415)
            #expect(mismatch.headers.first(name: "Content-Type") == "application/problem+json")
            #expect(try Self.codes(mismatch.body) == ["declared-mismatch"])

            let invalid = try await Self.send(client, server.url + "/collect", body: .bytes(Array("{\"a\": tru}".utf8)))
            #expect(invalid.status == 400)
            #expect(try Self.codes(invalid.body) == ["invalid-json"])
            #expect(server.calls.value == 0)
        }
    }

    @Test("a GET without a body passes through unjudged")
    func bodylessGet() async throws {
        try await Self.withServer { server, client in
            let response = try await Self.send(client, server.url + "/models", method: .GET)
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(response.headers.first(name: "X-Accepted") == "none")
        }
    }
    /// `bytes` cut into `chunkSize` buffers, for a chunked upload.
    static func chunks(_ bytes: [UInt8], of chunkSize: Int) -> [ByteBuffer] {
        stride(from: 0, to: bytes.count, by: chunkSize).map { ByteBuffer(bytes: bytes[$0..<min($0 + chunkSize, bytes.count)]) }
    }

    /// A JSON body of about `size` bytes.
    static func largeJSON(_ size: Int) -> [UInt8] {
        Array(#"{"data": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size) + Array(#""}"#.utf8)
    }

    /// A request on a new connection (its own client) after a refusal: the server still serves.
    static func servesAgain(_ server: Server) async throws {
        let fresh = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let result: Result<(status: Int, headers: HTTPHeaders, body: [UInt8]), any Error>
        do { result = .success(try await send(fresh, server.url + "/stream", body: .bytes(json))) } catch { result = .failure(error) }
        try await fresh.shutdown()
        let response = try result.get()
        #expect(response.status == 200)
        #expect(response.body == json)
    }

    @Test("a chunked body past the limit gets 413 at once (the rest is drained, not kept), and the server serves on")
    func chunkedPastTheLimit() async throws {
        let big = Self.largeJSON(256 << 10)
        try await Self.withServer(maximumSize: 64 << 10) { server, client in
            let response = try await Self.send(
                client, server.url + "/stream", headers: [("Content-Type", "application/json")],
                body: .stream(Self.stream(Self.chunks(big, of: 16 << 10)), length: .unknown)
            )
            #expect(response.status == 413)
            #expect(response.headers.first(name: "Content-Type") == "application/problem+json")
            #expect(try Self.codes(response.body) == ["too-large"])
            #expect(server.calls.value == 0)
            try await Self.servesAgain(server)
        }
    }

    @Test("an honest Content-Length past the limit gets 413, and the server serves on")
    func contentLengthPastTheLimit() async throws {
        let big = Self.largeJSON(256 << 10)
        try await Self.withServer(maximumSize: 64 << 10) { server, client in
            let response = try await Self.send(client, server.url + "/stream", headers: [("Content-Type", "application/json")], body: .bytes(big))
            #expect(response.status == 413)
            #expect(try Self.codes(response.body) == ["too-large"])
            #expect(server.calls.value == 0)
            try await Self.servesAgain(server)
        }
    }

    @Test("a 4 MiB chunked ELF upload declared image/png gets 415 at its first chunk, and the server serves on")
    func mismatchedLargeUpload() async throws {
        var generator = SplitMix64(seed: 19)
        var elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
        elf += (0..<((4 << 20) - elf.count)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try await Self.withServer(maximumSize: 10 << 20) { server, client in
            let response = try await Self.send(
                client, server.url + "/stream", headers: [("Content-Type", "image/png")],
                body: .stream(Self.stream(Self.chunks(elf, of: 64 << 10)), length: .unknown)
            )
            #expect(response.status == 415)
            #expect(try Self.codes(response.body) == ["declared-mismatch"])
            #expect(server.calls.value == 0)
            try await Self.servesAgain(server)
        }
    }
}
