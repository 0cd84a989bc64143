public import DeeployPayload

extension DeeployClient {
    /// How a ``DeeployClient`` judges, sends, retries and reads.
    public struct Configuration: Sendable {
        /// Sent as the `organization-id` header field when set (Deeploy cloud).
        public var organizationID: String?
        /// The rules every payload is judged by before it is sent; Deeploy's by default. Set
        /// ``AcceptancePolicy/maximumSize`` to refuse large payloads before reading them whole.
        public var policy: AcceptancePolicy
        /// Connect, read and whole-call timeouts.
        public var timeouts: Timeouts
        /// When and how failed attempts are retried.
        public var retry: RetryPolicy
        /// The largest response body read into memory; past it the call throws
        /// ``DeeployClientError/responseTooLarge(limit:declaredLength:)``. 64 MiB by default.
        /// ``DeeployClient/download(_:endpoint:options:to:)`` has its own limit.
        public var maximumResponseSize: Int
        /// The largest body ``DeeployClient/download(_:endpoint:options:to:)`` and
        /// ``DeeployClient/responseStream(_:endpoint:options:)`` accept; nil for no limit.
        public var maximumDownloadSize: Int?
        /// The most bytes a stream payload may hold: a stream is read whole into memory and
        /// judged before a byte is sent. 64 MiB by default.
        public var streamBufferLimit: Int
        /// The size of the chunks a file is read and sent in. 1 MiB by default.
        public var uploadChunkSize: Int
        /// The most connections to the deployment's host at once (HTTP/1.1).
        public var maximumConnections: Int
        /// Called as a file payload is read for sending, with the bytes read so far and the
        /// file's size: the upload's progress, within a chunk or two (the connection asks for
        /// the next chunk only once it can take it).
        public var uploadProgress: (@Sendable (_ sent: Int, _ total: Int) -> Void)?

        /// Creates a configuration; the defaults follow Deeploy's Python client where it has one
        /// (a 300-second call timeout) and add retries, which it leaves off.
        public init(
            organizationID: String? = nil,
            policy: AcceptancePolicy = .deeploy,
            timeouts: Timeouts = Timeouts(),
            retry: RetryPolicy = RetryPolicy(),
            maximumResponseSize: Int = 64 << 20,
            maximumDownloadSize: Int? = nil,
            streamBufferLimit: Int = 64 << 20,
            uploadChunkSize: Int = 1 << 20,
            maximumConnections: Int = 8,
            uploadProgress: (@Sendable (_ sent: Int, _ total: Int) -> Void)? = nil
        ) {
            self.organizationID = organizationID
            self.policy = policy
            self.timeouts = timeouts
            self.retry = retry
            self.maximumResponseSize = maximumResponseSize
            self.maximumDownloadSize = maximumDownloadSize
            self.streamBufferLimit = streamBufferLimit
            self.uploadChunkSize = uploadChunkSize
            self.maximumConnections = maximumConnections
            self.uploadProgress = uploadProgress
        }
    }

    /// The three timeouts of a call.
    public struct Timeouts: Sendable, Hashable {
        /// To open a connection. 10 seconds by default.
        public var connect: Duration
        /// The longest wait for the next byte of a response. 60 seconds by default.
        public var read: Duration
        /// The whole call, one attempt: sending, waiting and reading. 300 seconds by default,
        /// as in Deeploy's Python client.
        public var request: Duration

        /// Creates timeouts.
        public init(connect: Duration = .seconds(10), read: Duration = .seconds(60), request: Duration = .seconds(300)) {
            self.connect = connect
            self.read = read
            self.request = request
        }
    }

    /// Per-call options: Deeploy's query parameters and batch splitting.
    public struct InferenceOptions: Sendable, Hashable {
        /// `skipLog=true|false`: whether Deeploy skips logging this call.
        public var skipLog: Bool?
        /// `explain=true|false` on `completions`: whether to return explanations.
        public var explain: Bool?
        /// Split a JSON body's `instances` or `inputs` array (or a top-level array) into this
        /// many requests sent in parallel, and merge their `predictions` back in order. As
        /// Deeploy's Python client's `nr_requests`; nil or 1 sends one request.
        public var batches: Int?

        /// Creates options. `image` for an explanation is part of the endpoint:
        /// `.explain(image: true)`.
        public init(skipLog: Bool? = nil, explain: Bool? = nil, batches: Int? = nil) {
            self.skipLog = skipLog
            self.explain = explain
            self.batches = batches
        }

        /// The query items for `endpoint`, in a fixed order.
        func query(for endpoint: InferenceEndpoint, stream: Bool) -> [(name: String, value: String)] {
            var items: [(name: String, value: String)] = []
            if let skipLog { items.append(("skipLog", skipLog ? "true" : "false")) }
            if endpoint == .completions, let explain { items.append(("explain", explain ? "true" : "false")) }
            if stream { items.append(("stream", "true")) }
            return items
        }
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? .min : .max) : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
