public import DeeployPayload

extension DeeployClient {
    /// How a ``DeeployClient`` judges, sends, retries and reads.
    public struct Configuration: Sendable {
        /// Sent as the `organization-id` header field when set (Deeploy cloud).
        public var organizationID: String?
        /// The rules every payload is judged by before it is sent; Deeploy's by default. Set
        /// `AcceptancePolicy/maximumSize` to refuse large payloads before reading them whole.
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

/// Where a deployment answers: `SCHEME://AUTHORITY/workspaces/WS/deployments/ID`.
///
/// Deeploy's own address is `https://api.HOST/workspaces/WS/deployments/ID`
/// (``init(host:workspaceID:deploymentID:)``); a local emulator or a gateway is given by URL
/// (``init(url:)``), plain HTTP included. Every part is checked by the package's
/// `InferenceTarget` rules, so no id can reach another path, query or host.
///
/// ```swift
/// let cloud = try DeploymentAddress(host: "example.deeploy.ml", workspaceID: "ws", deploymentID: "dep")
/// let local = try DeploymentAddress(url: "http://127.0.0.1:8080/workspaces/ws/deployments/dep")
/// local.url(for: .predict)  // http://127.0.0.1:8080/workspaces/ws/deployments/dep/predict
/// ```
public struct DeploymentAddress: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// The host and optional port the requests go to, lowercased: `api.example.deeploy.ml`.
    public let authority: String
    /// The workspace id.
    public let workspaceID: String
    /// The deployment id.
    public let deploymentID: String

    /// Deeploy's address for a deployment: `https://api.HOST/workspaces/WS/deployments/ID`.
    ///
    /// - Throws: ``DeeployClientError/invalidAddress(_:)`` for a host or id that
    ///   `InferenceTarget` refuses.
    public init(host: String, workspaceID: String, deploymentID: String) throws(DeeployClientError) {
        do {
            let target = try InferenceTarget(host: host, workspaceID: workspaceID, deploymentID: deploymentID)
            self.scheme = "https"
            self.authority = target.authority
            self.workspaceID = target.workspaceID
            self.deploymentID = target.deploymentID
        } catch {
            throw .invalidAddress(error.description)
        }
    }

    /// A deployment's URL: `http(s)://HOST[:PORT]/workspaces/WS/deployments/ID`, with or
    /// without a trailing `/`. No user, query or fragment; IPv6 literals are not supported.
    ///
    /// - Throws: ``DeeployClientError/invalidAddress(_:)`` naming what is wrong.
    public init(url: String) throws(DeeployClientError) {
        let scheme = url.hasPrefix("https://") ? "https" : url.hasPrefix("http://") ? "http" : ""
        guard !scheme.isEmpty else { throw .invalidAddress("'\(url)' does not start with http:// or https://") }
        let rest = url.dropFirst(scheme.count + 3)
        guard let slash = rest.firstIndex(of: "/") else {
            throw .invalidAddress("'\(url)' has no path; expected …/workspaces/WS/deployments/ID")
        }
        let authority = String(rest[..<slash])
        var path = rest[slash...].split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if path.last == "" { path = path.dropLast() }
        let parts = Array(path)
        guard parts.count == 4, parts[0] == "workspaces", parts[2] == "deployments" else {
            throw .invalidAddress("'\(url)' is not of the form \(scheme)://HOST[:PORT]/workspaces/WS/deployments/ID")
        }
        do {
            let target = try InferenceTarget(host: authority, workspaceID: String(parts[1]), deploymentID: String(parts[3]))
            self.scheme = scheme
            self.authority = target.host
            self.workspaceID = target.workspaceID
            self.deploymentID = target.deploymentID
        } catch {
            throw .invalidAddress(error.description)
        }
    }

    /// `SCHEME://AUTHORITY`.
    public var origin: String { "\(scheme)://\(authority)" }

    /// `SCHEME://AUTHORITY/workspaces/WS/deployments/ID`.
    public var baseURL: String { "\(origin)/workspaces/\(workspaceID)/deployments/\(deploymentID)" }

    /// The base URL.
    public var description: String { baseURL }

    /// The URL of `endpoint` with its own query (`image=` for an explanation) followed by
    /// `query`, in order. Names and values are sent as given: the client only passes fixed
    /// names and `true`/`false`.
    public func url(for endpoint: InferenceEndpoint, query: [(name: String, value: String)] = []) -> String {
        var items = endpoint.query.map { [$0] } ?? []
        items += query.map { "\($0.name)=\($0.value)" }
        let suffix = items.isEmpty ? "" : "?" + items.joined(separator: "&")
        return "\(baseURL)/\(endpoint.path)\(suffix)"
    }
}
