import AsyncHTTPClient
import DeeployGatewayKit
import DeeployHummingbird
import DeeployPayload
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A Hummingbird application on 127.0.0.1, port 0, with the payload middleware and the route
/// helpers, and an AsyncHTTPClient to talk to it.
///
/// Routes:
/// - `POST /mw/echo` behind ``PayloadMiddleware``: answers 200 with the body it received (read
///   twice, to show it replays), and the verdict in headers: `X-Effective-Type`, `X-Part`,
///   `X-Request-Content-Type`, `X-Request-Length`, `X-Replayed` (`same` when both reads agree);
/// - `POST /route` with `router.post(_:validating:)`, and `POST /judge` calling
///   `request.judgePayload(with:context:)`: the same answer;
/// - `GET /health`: `ok`.
struct HummingbirdTestServer {
    let port: Int
    let client: HTTPClient

    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts the app with `gateway`, runs `body`, and stops both.
    static func with<R: Sendable>(
        gateway: PayloadGateway, _ body: @Sendable (HummingbirdTestServer) async throws -> R
    ) async throws -> R {
        let router = Router(context: BasicPayloadRequestContext.self)
        router.group("mw").add(middleware: PayloadMiddleware(gateway: gateway)).post("echo") { request, context in
            try await echo(request, acceptance: context.payloadAcceptance)
        }
        router.post("route", validating: gateway) { request, _, acceptance in
            try await echo(request, acceptance: acceptance)
        }
        router.post("judge") { request, context in
            var request = request
            let acceptance = try await request.judgePayload(with: gateway, context: context)
            return try await echo(request, acceptance: acceptance)
        }
        router.get("health") { _, _ in "ok" }

        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "hummingbird-test")
        logger.logLevel = .error
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            guard let port = await ports.first(where: { _ in true }), port > 0 else {
                group.cancelAll()
                throw ServerDidNotStart()
            }
            // One connection per concurrent upload (AsyncHTTPClient keeps 8 per host by
            // default, and queued requests time out after the connect timeout, 10 s).
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
            configuration.timeout.connect = .seconds(60)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let server = HummingbirdTestServer(port: port, client: client)
            do {
                let result = try await body(server)
                try await client.shutdown()
                group.cancelAll()
                return result
            } catch {
                try? await client.shutdown()
                group.cancelAll()
                throw error
            }
        }
    }

    struct ServerDidNotStart: Error {}

    /// The echo answer: the body read twice, and the acceptance in headers.
    static func echo(_ request: Request, acceptance: GatewayAcceptance?) async throws -> Response {
        let first = try await request.body.collect(upTo: .max)
        let second = try await request.body.collect(upTo: .max)
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Effective-Type")!] = acceptance?.contentType.description ?? "none"
        headers[HTTPField.Name("X-Part")!] = acceptance?.partName ?? "none"
        headers[HTTPField.Name("X-Request-Content-Type")!] = request.headers[.contentType] ?? "none"
        headers[HTTPField.Name("X-Request-Length")!] = request.headers[.contentLength] ?? "none"
        headers[HTTPField.Name("X-Replayed")!] = first == second ? "same" : "different"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: first))
    }

    /// Sends `body` to `path` with `fields`, and reads the whole answer.
    func post(
        _ path: String, _ body: HTTPClientRequest.Body, fields: [(String, String)] = [], timeout: TimeAmount = .seconds(30)
    ) async throws -> (status: Int, headers: [(String, String)], body: [UInt8]) {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        for (name, value) in fields { request.headers.add(name: name, value: value) }
        request.body = body
        let response = try await client.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, Array(bytes.readableBytesView))
    }

    /// `GET /health` answers `ok`: the server still serves.
    func isHealthy() async throws -> Bool {
        let response = try await client.execute(HTTPClientRequest(url: base + "/health"), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1024)
        return response.status == .ok && String(buffer: body) == "ok"
    }
}

extension [(String, String)] {
    /// The first value of the header `name`, compared case-insensitively.
    func value(_ name: String) -> String? { first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// Chunks for an upload, with an optional stall after the first. (A slow upload is sent by
/// ``RawSocket``, from a thread of its own.)
struct UploadChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [[UInt8]]
    /// When set, the upload stops after the first chunk and waits this long before the rest.
    /// A server that answers at the first chunk answers within the wait: ``sent`` is then 1 when
    /// the answer arrives. (A wall-clock bound on the answer failed under a loaded full test run.)
    var stallAfterFirst: Duration?
    /// How many chunks the client has taken so far.
    var sent: Int { progress.count.withLock { $0 } }
    private let progress = Progress()

    private final class Progress: Sendable {
        let count = Mutex(0)
    }

    init(_ bytes: [UInt8], chunkSize: Int, stallAfterFirst: Duration? = nil) {
        chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { Array(bytes[$0..<Swift.min($0 + chunkSize, bytes.count)]) }
        self.stallAfterFirst = stallAfterFirst
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: UploadChunks
        var index = 0
        mutating func next() async throws -> ByteBuffer? {
            guard index < sequence.chunks.count else { return nil }
            if index == 1, let stall = sequence.stallAfterFirst { try await Task.sleep(for: stall) }
            defer { index += 1 }
            sequence.progress.count.withLock { $0 += 1 }
            return ByteBuffer(bytes: sequence.chunks[index])
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }
}

/// A plain TCP client for requests AsyncHTTPClient will not send: a Content-Length that lies,
/// control characters in a header, a client that goes away mid-upload. A real socket on
/// loopback; it runs on a thread of its own so as not to block Swift's cooperative pool.
enum RawSocket {
    /// Sends `request` to 127.0.0.1:`port`, half-closes when `closeWrite`, closes at once
    /// without reading when `abandon`, and otherwise reads until the server closes, `responses`
    /// whole responses have arrived, or `readTimeout` seconds pass without a byte. With
    /// `sendTimeout`, a server that stops reading makes the send give up after that many seconds
    /// rather than hang. Returns what was read.
    ///
    /// Waiting for whole responses, not for a quiet spell, keeps a loaded full test run from
    /// cutting off an answer that is merely late; the timeouts are only for a server that hangs.
    ///
    /// With `pieces`, the request is sent in those pieces with `pause` between them (the thread
    /// sleeps, so a busy cooperative pool cannot stretch the pauses).
    static func exchange(
        port: Int, _ request: [UInt8], pieces: [[UInt8]] = [], pause: Duration = .zero, closeWrite: Bool = false,
        abandon: Bool = false, responses: Int? = nil, readTimeout: Int = 60, sendTimeout: Int? = nil
    ) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: run(
                    port: port, [request] + pieces, pause: pause, closeWrite: closeWrite, abandon: abandon,
                    responses: responses, readTimeout: readTimeout, sendTimeout: sendTimeout))
            }
        }
    }

    private static func run(
        port: Int, _ pieces: [[UInt8]], pause: Duration, closeWrite: Bool, abandon: Bool, responses: Int?,
        readTimeout: Int, sendTimeout: Int?
    ) -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return [] }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let sendTimeout {
            var timeout = timeval(tv_sec: sendTimeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        for (index, piece) in pieces.enumerated() {
            if index > 0, pause > .zero {
                let (seconds, attoseconds) = pause.components
                Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) * 1e-18)
            }
            var sent = 0
            while sent < piece.count {
                let n = piece[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { break }
                sent += n
            }
        }
        if abandon { return [] }
        if closeWrite { shutdown(fd, Int32(SHUT_WR)) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while responses.map({ wholeResponses(in: response) < $0 }) ?? true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += buffer[..<n]
        }
        return response
    }

    /// How many whole responses `bytes` starts with: each a head and the body its
    /// `Content-Length` gives (none without one; these tests' servers send a length with each).
    static func wholeResponses(in bytes: [UInt8]) -> Int {
        var start = bytes.startIndex
        var count = 0
        while let headEnd = bytes[start...].firstRange(of: Array("\r\n\r\n".utf8)) {
            let head = String(decoding: bytes[start..<headEnd.lowerBound], as: UTF8.self).lowercased()
            let length = head.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            guard bytes.endIndex - headEnd.upperBound >= length else { break }
            start = headEnd.upperBound + length
            count += 1
        }
        return count
    }

    /// The status code of the first response in `bytes`, or nil.
    static func status(_ bytes: [UInt8]) -> Int? {
        let text = String(decoding: bytes.prefix(64), as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }
}
