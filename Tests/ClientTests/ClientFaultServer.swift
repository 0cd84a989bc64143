import DeeployClient
import DeeployPayload
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// What a fault server saw of one request.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    /// Header fields by lowercased name.
    var headers: [String: String]
    var body: [UInt8]
}

/// A scripted answer of a fault server.
enum FaultAnswer: Sendable {
    /// A status, header fields and a body.
    case respond(Int, headers: [String: String] = [:], body: [UInt8] = [])
    /// Never answers (until the test ends).
    case stall
    /// Sends the head and `prefix` of a body declared `declaredLength` long, then closes.
    case truncate(prefix: [UInt8], declaredLength: Int, contentType: String)
    /// A body in chunks, with a pause between them.
    case chunks([[UInt8]], contentType: String, pause: Duration)

    static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> FaultAnswer {
        .respond(status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: Array(text.utf8))
    }
}

/// A loopback Hummingbird server that answers each request by a script and records it: the
/// fault tests' stand-in for a misbehaving Deeploy. Runs on 127.0.0.1, port 0.
final class FaultServer: Sendable {
    let port: Int
    private let recorder: Recorder

    private init(port: Int, recorder: Recorder) {
        self.port = port
        self.recorder = recorder
    }

    /// Every request received so far, in order.
    var requests: [RecordedRequest] { recorder.list.withLock { $0 } }

    /// `http://127.0.0.1:PORT/workspaces/ws/deployments/dep`.
    var deploymentURL: String { "http://127.0.0.1:\(port)/workspaces/ws/deployments/dep" }

    struct Failure: Error {}

    /// Starts a server that answers request `n` (from 0) with `script(n, request)`, runs `body`,
    /// and stops the server.
    static func with<Result: Sendable>(
        _ script: @escaping @Sendable (Int, RecordedRequest) -> FaultAnswer,
        _ body: @Sendable (FaultServer) async throws -> Result
    ) async throws -> Result {
        let recorder = Recorder()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let bytes = try await request.collectBody(upTo: 64 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let recorded = RecordedRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers,
                body: Array(bytes.readableBytesView))
            let index = recorder.list.withLock { list in
                list.append(recorded)
                return list.count - 1
            }
            return try await Self.response(for: script(index, recorded))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fault-server")
        logger.logLevel = .critical
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await application.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw Failure() }
            let server = FaultServer(port: port, recorder: recorder)
            defer { group.cancelAll() }
            return try await body(server)
        }
    }

    /// The requests seen, shared by the responder and the server object.
    private final class Recorder: Sendable {
        let list = Mutex<[RecordedRequest]>([])
    }

    private static func response(for answer: FaultAnswer) async throws -> Response {
        switch answer {
        case .respond(let status, let headers, let body):
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        case .stall:
            try await Task.sleep(for: .seconds(600))
            throw Failure()
        case .truncate(let prefix, let declaredLength, let contentType):
            let body = ResponseBody(contentLength: declaredLength) { writer in
                try await writer.write(ByteBuffer(bytes: prefix))
                // Throwing mid-body makes the server close the connection.
                throw Failure()
            }
            return Response(status: .ok, headers: [.contentType: contentType], body: body)
        case .chunks(let chunks, let contentType, let pause):
            let body = ResponseBody { writer in
                for chunk in chunks {
                    try await writer.write(ByteBuffer(bytes: chunk))
                    try await Task.sleep(for: pause)
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: contentType], body: body)
        }
    }
}
