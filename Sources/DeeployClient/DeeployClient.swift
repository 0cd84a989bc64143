public import DeeployPayload
import AsyncHTTPClient
import NIOCore
import StrictJSON

/// A client for a Deeploy deployment's inference API that never sends a payload Deeploy would
/// refuse: every payload is judged by ``Configuration/policy`` before a byte goes out, and a
/// refused one throws ``DeeployClientError/refused(_:)`` with its verdict.
///
/// It offers what Deeploy's Python client (`deeploy` 1.66) offers for inference: `predict`,
/// `explain`, `completions`, `chat/completions` and `embeddings` as a `POST` to
/// `…/workspaces/WS/deployments/ID/ENDPOINT`; `skipLog`, `image` and `explain`; an
/// `organization-id`; Basic, Bearer and OAuth2 client credentials; retries with backoff; and
/// `nr_requests` batch splitting (``InferenceOptions/batches``). It adds the checks, streamed
/// files, jitter, `Retry-After`, typed errors and streamed responses.
///
/// ```swift
/// let client = try DeeployClient(
///     deployment: try DeploymentAddress(url: "http://127.0.0.1:8080/workspaces/ws/deployments/dep"),
///     authentication: .credentials(try .deploymentToken("token")))
/// defer { Task { try await client.shutdown() } }
/// let response = try await client.predict(try .encoding(V1PredictRequest(instances: [[1, 2]])))
/// let predictions = try response.decoded(as: V1PredictResponse.self).predictions
/// ```
///
/// Call ``shutdown()`` when done: the client owns its connection pool.
public final class DeeployClient: Sendable {
    /// Where the calls go.
    public let deployment: DeploymentAddress
    /// How the client judges, sends, retries and reads.
    public let configuration: Configuration
    /// The sniffer that judges payloads and names untyped responses.
    public let sniffer: Sniffer
    let httpClient: HTTPClient
    let transport: Transport

    /// Creates a client with its own connection pool.
    ///
    /// - Throws: ``DeeployClientError/transport(_:)`` when libmagic cannot be loaded.
    public init(deployment: DeploymentAddress, authentication: Authentication, configuration: Configuration = Configuration()) throws(DeeployClientError) {
        self.deployment = deployment
        self.configuration = configuration
        do {
            self.sniffer = try Sniffer(configuration: SnifferConfiguration(poolSize: 2))
        } catch {
            throw .transport("the payload sniffer could not start: \(error)")
        }
        var http = HTTPClient.Configuration()
        http.timeout = .init(
            connect: .nanoseconds(configuration.timeouts.connect.nanoseconds),
            read: .nanoseconds(configuration.timeouts.read.nanoseconds))
        http.redirectConfiguration = .disallow
        http.decompression = .disabled
        // The client retries by its own policy; AsyncHTTPClient would otherwise retry a refused
        // connection until the call's deadline.
        http.connectionPool.retryConnectionEstablishment = false
        http.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(configuration.maximumConnections, 1)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
        self.httpClient = client
        let credentials = CredentialProvider(
            authentication: authentication, origin: deployment.origin, httpClient: client, timeout: configuration.timeouts.request)
        self.transport = Transport(
            httpClient: client, address: deployment, configuration: configuration, credentials: credentials,
            authentication: authentication, jitter: JitterSource(seed: configuration.retry.seed))
    }

    /// Closes the connection pool; the client cannot be used after.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    // MARK: Endpoints

    /// `POST …/predict`: runs the model.
    public func predict(_ payload: Payload, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> InferenceResponse {
        try await call(payload, endpoint: .predict, options: options)
    }

    /// `POST …/explain[?image=…]`: runs the explainer. `image` asks for (or declines) an image
    /// explanation; nil leaves the parameter out.
    public func explain(_ payload: Payload, image: Bool? = nil, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> InferenceResponse {
        try await call(payload, endpoint: .explain(image: image), options: options)
    }

    /// `POST …/completions`: generative text completion. For server-sent events, see
    /// ``completionsStream(_:options:)``.
    public func completions(_ payload: Payload, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> InferenceResponse {
        try await call(payload, endpoint: .completions, options: options)
    }

    /// `POST …/chat/completions`: generative chat completion. For server-sent events, see
    /// ``chatCompletionsStream(_:options:)``.
    public func chatCompletions(_ payload: Payload, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> InferenceResponse {
        try await call(payload, endpoint: .chatCompletions, options: options)
    }

    /// `POST …/embeddings`: embeddings of the input.
    public func embeddings(_ payload: Payload, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> InferenceResponse {
        try await call(payload, endpoint: .embeddings, options: options)
    }

    /// Judges `payload`, sends it to `endpoint`, and reads the answer whole (up to
    /// ``Configuration/maximumResponseSize``). With ``InferenceOptions/batches`` above 1, a
    /// JSON body is split and sent in parallel, and the predictions merged in order.
    public func call(_ payload: Payload, endpoint: InferenceEndpoint, options: InferenceOptions = InferenceOptions()) async throws(DeeployClientError) -> InferenceResponse {
        try await Self.typed {
            if let batches = options.batches, batches > 1 {
                return try await self.callInBatches(payload, count: batches, endpoint: endpoint, options: options)
            }
            return try await self.single(payload, endpoint: endpoint, options: options)
        }
    }

    /// One judged request, read whole and decoded.
    func single(_ payload: Payload, endpoint: InferenceEndpoint, options: InferenceOptions) async throws -> InferenceResponse {
        let body = try await judge(payload)
        let url = deployment.url(for: endpoint, query: options.query(for: endpoint, stream: false))
        let decoder = ResponseDecoder(sniffer: sniffer)
        let limit = configuration.maximumResponseSize
        return try await transport.send(body, url: url, retryTruncated: true) { response, attempts in
            let bytes = try await HTTPBodies.collect(response, limit: limit, attempts: attempts)
            let fields = HTTPBodies.fields(response.headers)
            let decoded: DecodedBody
            do throws(ResponseError) {
                decoded = try decoder.decode(status: Int(response.status.code), fields: fields, body: bytes)
            } catch {
                throw DeeployClientError.invalidResponse(error)
            }
            return InferenceResponse(
                status: Int(response.status.code), headerFields: fields, body: decoded, size: bytes.count,
                attempts: attempts, batches: [], verdict: body.verdict)
        }
    }

    /// Judges a payload by the client's policy without sending it: the verdict a call would act
    /// on. A stream payload is consumed.
    public func verdict(for payload: Payload) async throws(DeeployClientError) -> Verdict {
        do {
            return try await judge(payload).verdict
        } catch DeeployClientError.refused(let verdict) {
            return verdict
        } catch {
            throw Self.clientError(error)
        }
    }

    func judge(_ payload: Payload) async throws -> PreparedBody {
        try await PreparedBody.judge(payload, sniffer: sniffer, policy: configuration.policy, streamLimit: configuration.streamBufferLimit)
    }

    /// Runs `body`, turning any error into a ``DeeployClientError``.
    static func typed<T>(_ body: () async throws -> T) async throws(DeeployClientError) -> T {
        do {
            return try await body()
        } catch {
            throw clientError(error)
        }
    }

    static func clientError(_ error: any Error) -> DeeployClientError {
        if let error = error as? DeeployClientError { return error }
        if error is CancellationError { return .cancelled }
        return .transport(String(describing: error))
    }
}
