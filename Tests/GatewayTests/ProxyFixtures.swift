import AsyncHTTPClient
@testable import DeeployGatewayServer
import DeeployTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import Testing

/// What the recording upstream received: one request, exactly.
struct ReceivedRequest: Sendable {
    var method: String
    /// The request-target: path and query, as sent.
    var target: String
    var fields: HTTPFields
    var body: [UInt8]
}

/// A small Hummingbird app on 127.0.0.1, port 0, standing in for a model server: it records
/// the exact method, target, header fields and body bytes of every request, and answers:
/// - `/stream?first=N&rest=M`: N bytes, then, once the test says so (``releaseStream()``), M
///   more, chunked; every byte is `index % 251`;
/// - anything else: 200 with `{"received":<count>}` and `X-Upstream: recorded`.
final class RecordingUpstream: Sendable {
    private let received = Mutex<[ReceivedRequest]>([])
    private let release: AsyncStream<Void>
    private let releaseContinuation: AsyncStream<Void>.Continuation

    init() {
        (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Every request received so far, in order.
    var requests: [ReceivedRequest] { received.withLock { $0 } }

    /// Lets the held part of a `/stream` response go.
    func releaseStream() { releaseContinuation.yield() }

    /// The byte at `index` of a `/stream` response.
    static func streamByte(_ index: Int) -> UInt8 { UInt8(index % 251) }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.on("**", method: .get, use: record)
        router.on("**", method: .post, use: record)
        router.on("**", method: .put, use: record)
        router.on("**", method: .delete, use: record)
        return router
    }

    @Sendable func record(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        let entry = ReceivedRequest(
            method: request.method.rawValue, target: request.uri.string, fields: request.headers, body: Array(body.readableBytesView)
        )
        received.withLock { $0.append(entry) }
        if request.uri.path == "/stream" {
            let query = request.uri.queryParameters
            return streamResponse(first: query["first"].flatMap { Int($0) } ?? 0, rest: query["rest"].flatMap { Int($0) } ?? 0)
        }
        let answer = ByteBuffer(string: #"{"received":\#(entry.body.count)}"#)
        return Response(status: .ok, headers: [.contentType: "application/json", HTTPField.Name("X-Upstream")!: "recorded"], body: .init(byteBuffer: answer))
    }

    private func streamResponse(first: Int, rest: Int) -> Response {
        let release = self.release
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: (0..<first).map(Self.streamByte)))
            var iterator = release.makeAsyncIterator()
            _ = await iterator.next()
            var offset = first
            while offset < first + rest {
                let count = min(64 << 10, first + rest - offset)
                try await writer.write(ByteBuffer(bytes: (offset..<offset + count).map(Self.streamByte)))
                offset += count
            }
            try await writer.finish(nil)
        })
    }
}

/// A server running in a service group of its own, stopped by graceful shutdown.
struct RunningServer: Sendable {
    let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// The base URL, `http://127.0.0.1:port`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Shuts the server down gracefully and waits for it.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// Runs `group`, returning once `ports` yields the bound port.
    static func start(_ group: ServiceGroup, ports: AsyncStream<Int>) async throws -> RunningServer {
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw ServerDidNotStart()
        }
        return RunningServer(port: port, group: group, task: task)
    }

    struct ServerDidNotStart: Error {}
}

enum ProxyFixtures {
    static let logger = Logger(label: "gateway-tests")

    /// Starts a recording upstream on 127.0.0.1, port 0.
    static func startUpstream(_ upstream: RecordingUpstream) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: upstream.makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await RunningServer.start(group, ports: ports)
    }

    /// Starts deeploy-gateway on 127.0.0.1, port 0, forwarding to `upstream`.
    static func startGateway(
        upstream: String, maximumSize: Int = 1 << 20, configure: (inout GatewaySettings) -> Void = { _ in }
    ) async throws -> RunningServer {
        var settings = GatewaySettings(upstream: try UpstreamURL.parse(upstream).get())
        settings.port = 0
        settings.maximumSize = maximumSize
        settings.upstreamTimeout = 10
        configure(&settings)
        let server = try GatewayServer(settings: settings, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = server.makeServiceGroup(handlesSignals: false) { address in
            continuation.yield(address?.port ?? 0)
            continuation.finish()
        }
        return try await RunningServer.start(group, ports: ports)
    }

    /// Runs `body` with an upstream and a gateway in front of it, stopping both after.
    static func withProxy<T>(
        maximumSize: Int = 1 << 20, configure: (inout GatewaySettings) -> Void = { _ in },
        _ body: (RecordingUpstream, RunningServer, HTTPClient) async throws -> T
    ) async throws -> T {
        let upstream = RecordingUpstream()
        let upstreamServer = try await startUpstream(upstream)
        let gateway = try await startGateway(upstream: upstreamServer.url, maximumSize: maximumSize, configure: configure)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let result: Result<T, any Error>
        do { result = .success(try await body(upstream, gateway, client)) } catch { result = .failure(error) }
        try await client.shutdown()
        try await gateway.stop()
        try await upstreamServer.stop()
        return try result.get()
    }

    /// Sends a request and collects the whole response.
    static func send(
        _ client: HTTPClient, _ method: NIOHTTP1.HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> (status: Int, headers: HTTPHeaders, body: [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), response.headers, Array(collected.readableBytesView))
    }

    /// A PNG from the corpus.
    static func png() throws -> [UInt8] {
        let url = TestFiles.packageRoot.appendingPathComponent("Corpus/cases/valid/image/png-rgba8.png")
        return try [UInt8](Data(contentsOf: url))
    }

    /// The start of an ELF executable, padded to 4 KiB: never an image.
    static let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 8)
        + [0x02, 0x00, 0x3E, 0x00, 0x01, 0x00, 0x00, 0x00] + [UInt8](repeating: 0, count: 4096 - 24)

    /// A JSON body of a model's predict request.
    static let json = Array(#"{"instances": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], "parameters": {"top_k": 3, "note": "caf\u00e9"}}"#.utf8)

    /// The problem JSON's `codes`.
    static func codes(_ body: [UInt8]) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        return try #require(object["codes"] as? [String])
    }
}
