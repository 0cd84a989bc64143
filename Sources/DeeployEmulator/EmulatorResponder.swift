import DeeployPayload
import Foundation
import Hummingbird
import Logging
import NIOCore
import StrictJSON
import Synchronization

/// Routes, authenticates, judges, answers and logs: the emulator's one responder.
///
/// A plain `HTTPResponder` rather than a `Router`: the emulator has two path shapes, and reading
/// the path itself lets it answer an unknown workspace or deployment with Deeploy's 404 body.
struct EmulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let configuration: EmulatorConfiguration
    let logs: EmulatorLogStore
    let logger: Logger
    let gate: PayloadGate
    let splitter = LogSplitter()
    /// Inference calls so far, for ``EmulatorConfiguration/failEvery``.
    let calls = Calls()

    final class Calls: Sendable {
        private let count = Atomic<Int>(0)
        /// The number of this call, from 1.
        func next() -> Int { count.add(1, ordering: .relaxed).newValue }
    }

    init(configuration: EmulatorConfiguration, logs: EmulatorLogStore, logger: Logger) throws {
        self.configuration = configuration
        self.logs = logs
        self.logger = logger
        var policy = configuration.policy
        policy.maximumSize = policy.maximumSize ?? EmulatorConfiguration.defaultMaximumSize
        // A streamed upload is gathered in memory up to the sniffer's inMemoryLimit before it
        // is judged chunk by chunk; 1 MiB instead of the default 16 MiB keeps the emulator's
        // peak low during a large upload (held bodies are judged whole, whatever the limit).
        self.gate = PayloadGate(sniffer: try Sniffer(configuration: SnifferConfiguration(inMemoryLimit: 1 << 20)), policy: policy)
    }

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let createdAt = Date()
        // /workspaces/WS/deployments/ID/REST...
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { String($0).removingPercentEncoding ?? String($0) }
        guard parts.count >= 5, parts[0] == "workspaces", parts[2] == "deployments" else {
            return Self.deeployError(.notFound, "no route for \(request.method) \(request.uri.path); inference is at /workspaces/WS/deployments/ID/predict.")
        }
        let workspace = parts[1], id = parts[3], rest = parts[4...].joined(separator: "/")
        guard configuration.deployments.contains(where: { $0.workspace == workspace }) else {
            return Self.deeployError(.notFound, "workspace \(workspace) not found.")
        }
        guard let deployment = configuration.deployment(workspace: workspace, id: id) else {
            return Self.deeployError(.notFound, "deployment \(id) not found in workspace \(workspace).")
        }
        let logsPath = rest == "requestLogs" || rest == "predictionLogs"
        guard let endpoint = InferenceEndpoint(name: rest) ?? (logsPath ? .predict : nil) else {
            return Self.deeployError(.notFound, "no endpoint \(rest) on a deployment; use one of \(InferenceEndpoint.names.joined(separator: ", ")), requestLogs or predictionLogs.")
        }
        let expected: HTTPRequest.Method = logsPath ? .get : .post
        guard request.method == expected else {
            var response = Self.deeployError(.methodNotAllowed, "\(rest) takes \(expected), not \(request.method).")
            response.headers[.allow] = expected.rawValue
            return response
        }
        let caller: EmulatedRequestLog.Caller
        switch authenticate(request.headers[.authorization], for: deployment) {
        case .success(let who): caller = who
        case .failure(let refusal): return refusal.response
        }
        if logsPath {
            return await logsResponse(rest, query: Self.query(request), workspace: workspace, deployment: id)
        }

        let received: Received
        switch try await receive(request) {
        case .success(let body): received = body
        case .failure(let rejection):
            logger.debug("refused a payload", metadata: ["codes": "\(rejection.codes.map(\.rawValue))", "deployment": "\(id)"])
            let body = rejection.problemDetails().serialized()
            return Self.response(rejection.status, contentType: PayloadGate.Rejection.problemContentType.description, body: body)
        }

        var answer: ModelAnswer
        if let every = configuration.failEvery, every > 0, calls.next() % every == 0 {
            answer = .kserveError(500, "injected fault: every \(every)th call fails (--fail-every).")
        } else {
            switch received {
            case .held(let acceptance):
                answer = deployment.model.answer(acceptance.body, contentType: acceptance.contentType, endpoint: endpoint, deployment: id)
            case .streamed(let upload, let type):
                answer = deployment.model.answer(streamed: upload, contentType: type)
            }
        }

        // `stream=true` on a completion: the same answer, sent as server-sent events.
        var streamedChunks: [JSONValue]?
        if answer.status == 200, answer.contentType.isJSON, case .held(let acceptance) = received,
            StreamedCompletion.isRequested(query: Self.query(request), body: acceptance.body, contentType: acceptance.contentType, endpoint: endpoint),
            let value = try? JSONParser.parse(answer.body)
        {
            streamedChunks = StreamedCompletion.chunks(
                of: value, endpoint: endpoint, model: id, created: Int(createdAt.timeIntervalSince1970),
                id: (endpoint == .chatCompletions ? "chatcmpl-" : "cmpl-") + UUID().uuidString.lowercased())
        }

        if Self.query(request)["skipLog"] == "true" {
            if case .streamed(let upload, _) = received, upload.created { try? FileManager.default.removeItem(atPath: upload.path) }
        } else {
            let split = splitter.split(
                request: LoggedBody(contentType: received.contentType, bytes: received.heldBytes),
                response: LoggedBody(contentType: answer.contentType, bytes: answer.body),
                status: answer.status, endpoint: endpoint)
            var streamed: EmulatedBody?
            if case .streamed(let upload, let type) = received {
                streamed = .binary(EmulatedBinaryObject(mediaType: type, size: upload.size, sha256: upload.sha256, path: upload.path))
            }
            let elapsed = ContinuousClock.now - started
            let call = LoggedCall(
                workspace: workspace, deployment: id, createdAt: createdAt, requestContentType: received.contentType.description,
                responseTimeMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                authorization: caller, split: split, streamedRequest: streamed, streaming: streamedChunks != nil)
            do {
                _ = try await logs.record(call)
            } catch {
                // A log that cannot be written must not pass unnoticed: the caller gets a 500.
                logger.error("cannot store a log", metadata: ["error": "\(error)"])
                answer = .kserveError(500, "the emulator could not store the call's log in \(logs.directory): \(error)")
                streamedChunks = nil
            }
        }
        if let streamedChunks { return StreamedCompletion.response(streamedChunks) }
        return Self.response(.init(code: answer.status), contentType: answer.contentType.description, body: answer.body)
    }

    // MARK: Receiving

    /// An accepted body: held by the gate, or streamed to disk.
    enum Received {
        case held(PayloadGate.Acceptance)
        case streamed(StreamedUpload, DeeployPayload.MediaType)

        var contentType: DeeployPayload.MediaType {
            switch self {
            case .held(let acceptance): acceptance.contentType
            case .streamed(_, let type): type
            }
        }

        /// The bytes the splitter reads: a streamed body's split does not depend on them (it is
        /// not JSON), so it gets none.
        var heldBytes: [UInt8] {
            if case .held(let acceptance) = self { acceptance.body } else { [] }
        }
    }

    /// Reads and judges the body: a large non-JSON, non-text, unencoded body streams to disk
    /// (see ``EmulatorConfiguration/streamingThreshold``), anything else goes through the gate.
    func receive(_ request: Request) async throws -> Result<Received, PayloadGate.Rejection> {
        let declared = request.headers[.contentType]
        let length = request.headers[.contentLength].flatMap { Int($0) }
        if let declared, let type = DeeployPayload.MediaType(declared), !type.isJSON, !type.isText, request.headers[.contentEncoding] == nil,
            length.map({ $0 > configuration.streamingThreshold }) ?? true
        {
            switch try await StreamedUpload.receive(
                request.body, declared: declared, sniffer: gate.sniffer, policy: configuration.policy, directory: logs.directory)
            {
            case .accepted(let upload, let verdict):
                return .success(.streamed(upload, verdict.effectiveContentType ?? type))
            case .rejected(let verdict, let bytesRead):
                return .failure(PayloadGate.Rejection(
                    reasons: verdict.reasons.map(PayloadGate.Reason.init), suggestedContentType: verdict.suggestedContentType,
                    bytesRead: bytesRead, verdict: verdict))
            }
        }
        let outcome = try await gate.judge(
            contentType: declared, contentEncoding: request.headers[.contentEncoding], body: request.body.map { $0.readableBytesView })
        switch outcome {
        case .accepted(let acceptance): return .success(.held(acceptance))
        case .rejected(let rejection): return .failure(rejection)
        }
    }

    // MARK: Authentication

    struct Refusal: Error {
        var response: Response
    }

    /// Who is calling, or the 401 to answer.
    func authenticate(_ value: String?, for deployment: EmulatedDeployment) -> Result<EmulatedRequestLog.Caller, Refusal> {
        func refuse(_ message: String) -> Result<EmulatedRequestLog.Caller, Refusal> {
            var response = Self.deeployError(.unauthorized, message)
            response.headers[.wwwAuthenticate] = #"Basic realm="deeploy", Bearer realm="deeploy""#
            return .failure(Refusal(response: response))
        }
        guard let value else {
            if deployment.credentials.isEmpty { return .success(.anonymous) }
            return refuse("no credentials: send Authorization: Bearer DEPLOYMENT_TOKEN, or Basic with a personal key pair.")
        }
        let credentials: Credentials
        do throws(CredentialsError) {
            credentials = try Credentials.parse(authorization: value)
        } catch {
            return refuse("the Authorization header is malformed: \(error)")
        }
        guard deployment.credentials.isEmpty || deployment.credentials.contains(credentials) else {
            return refuse("the credentials are not valid for deployment \(deployment.id) in workspace \(deployment.workspace).")
        }
        let revealed = credentials.revealed()
        switch credentials.kind {
        case .personalKeyPair:
            return .success(.personalKeys(id: Self.opaqueID(revealed.accessKey ?? "")))
        case .deploymentToken:
            return .success(.token(id: Self.opaqueID(revealed.token ?? "")))
        }
    }

    /// A stable id for a credential that reveals nothing of it: its SHA-256, cut to a UUID's shape.
    static func opaqueID(_ secret: String) -> String {
        let hex = Array(LoggedPayload.BinaryObject(mediaType: .applicationOctetStream, bytes: Array(secret.utf8)).sha256)
        let cuts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32]
        return cuts.map { String(hex[$0]) }.joined(separator: "-")
    }

    // MARK: Responses

    /// The query parameters, percent-decoded; the first of a repeated name wins.
    static func query(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where parameters[String(name)] == nil {
            parameters[String(name)] = String(value)
        }
        return parameters
    }

    /// Deeploy's error body: `{"statusCode", "error", "message"}`.
    static func deeployError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body: JSONValue = ["statusCode": .number(JSONNumber(status.code)), "error": .string(status.reasonPhrase), "message": .string(message)]
        return response(status, contentType: "application/json", body: body.serialized())
    }

    static func response(_ status: HTTPResponse.Status, contentType: String, body: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(body.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
