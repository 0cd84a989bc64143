public import DeeployPayload

/// Where a deployment answers: `SCHEME://AUTHORITY/workspaces/WS/deployments/ID`.
///
/// Deeploy's own address is `https://api.HOST/workspaces/WS/deployments/ID`
/// (``init(host:workspaceID:deploymentID:)``); a local emulator or a gateway is given by URL
/// (``init(url:)``), plain HTTP included. Every part is checked by the package's
/// ``InferenceTarget`` rules, so no id can reach another path, query or host.
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
    ///   ``InferenceTarget`` refuses.
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
