import HTTPTypes

/// The deployment an inference request goes to: a Deeploy host, a workspace and a deployment,
/// each checked so that no input can reach another host, path or query.
///
/// ```swift
/// let target = try InferenceTarget(host: "example.deeploy.ml", workspaceID: "ws-1", deploymentID: "dep-1")
/// let built = try target.makeRequest(endpoint: .predict, credentials: credentials, contentType: .applicationJSON)
/// // POST https://api.example.deeploy.ml/workspaces/ws-1/deployments/dep-1/predict
/// ```
public struct InferenceTarget: Sendable, Hashable {
    /// The Deeploy host name in lowercase, optionally with `:PORT`, without the `api.` that
    /// requests add: `example.deeploy.ml`.
    public let host: String
    /// The workspace id.
    public let workspaceID: String
    /// The deployment id.
    public let deploymentID: String

    /// The longest id accepted, in bytes (Deeploy's ids are 36-character UUIDs).
    public static let maximumIdentifierLength = 128

    /// Checks and keeps the parts of a deployment's address.
    ///
    /// - Parameters:
    ///   - host: A DNS host name such as `example.deeploy.ml`, optionally with `:PORT`; no scheme,
    ///     path or user. Requests go to `https://api.HOST`.
    ///   - workspaceID: Letters, digits, `-`, `.`, `_` and `~` (RFC 3986 unreserved), not `.` and
    ///     without `..`.
    ///   - deploymentID: As `workspaceID`.
    public init(host: String, workspaceID: String, deploymentID: String) throws(DeeployRequestError) {
        self.host = try Self.checkedHost(host)
        self.workspaceID = try Self.checkedIdentifier(workspaceID, .workspaceID)
        self.deploymentID = try Self.checkedIdentifier(deploymentID, .deploymentID)
    }

    /// `api.HOST`, the authority requests go to.
    public var authority: String { "api." + host }

    /// The request path for `endpoint`: `/workspaces/WS/deployments/ID/ENDPOINT[?QUERY]`.
    public func path(for endpoint: InferenceEndpoint) -> String {
        "/workspaces/\(workspaceID)/deployments/\(deploymentID)/\(endpoint)"
    }

    /// The full URL for `endpoint`: `https://api.HOST/workspaces/WS/deployments/ID/ENDPOINT`.
    public func url(for endpoint: InferenceEndpoint) -> String {
        "https://" + authority + path(for: endpoint)
    }

    /// A `POST` request for `endpoint` with the `Content-Type`, `Authorization` and optional
    /// `organization-id` header fields, built and checked by
    /// `HTTPFields.deeployRequest(credentials:contentType:organizationID:accepted:)`.
    ///
    /// - Parameters:
    ///   - endpoint: Which endpoint to call.
    ///   - credentials: Sent as `Authorization` (never indexed by HPACK/QPACK).
    ///   - contentType: The payload's media type, sent normalised as `Content-Type`.
    ///   - organizationID: Sent as `organization-id` when given; checked like an id.
    ///   - accepted: The types the receiver accepts; Deeploy's by default.
    /// - Throws: ``DeeployRequestError/contentTypeNotAccepted(_:accepted:)`` when `accepted` does
    ///   not accept `contentType`, or an error for an invalid `organizationID`.
    public func makeRequest(
        endpoint: InferenceEndpoint,
        credentials: Credentials,
        contentType: MediaType,
        organizationID: String? = nil,
        accepted: AcceptedMediaTypes = .deeploy
    ) throws(DeeployRequestError) -> DeeployRequest {
        let fields = try HTTPFields.deeployRequest(
            credentials: credentials, contentType: contentType, organizationID: organizationID, accepted: accepted
        )
        let request = HTTPRequest(
            method: .post,
            scheme: "https",
            authority: authority,
            path: path(for: endpoint),
            headerFields: fields
        )
        return DeeployRequest(request: request, endpoint: endpoint, contentType: contentType)
    }

    /// `id` when it is a valid workspace, deployment or organization id: 1 to
    /// ``maximumIdentifierLength`` RFC 3986 unreserved characters, not `.` and without `..`.
    static func checkedIdentifier(_ id: String, _ field: DeeployRequestError.Field) throws(DeeployRequestError) -> String {
        guard !id.isEmpty else { throw .empty(field) }
        let length = id.utf8.count
        guard length <= maximumIdentifierLength else {
            throw .tooLong(field, length: length, limit: maximumIdentifierLength)
        }
        var offset = 0
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~":
                break
            default:
                throw rejection(of: scalar, at: offset, in: field)
            }
            offset += UTF8.width(scalar)
        }
        if id == "." || id.contains("..") { throw .dotSegment(field) }
        return id
    }

    private static func checkedHost(_ host: String) throws(DeeployRequestError) -> String {
        guard !host.isEmpty else { throw .empty(.host) }
        if host.contains("://") { throw .hostHasScheme }
        guard host.utf8.count <= 253 + 6 else { throw .tooLong(.host, length: host.utf8.count, limit: 259) }

        var name = Substring(host)
        if let colon = host.firstIndex(of: ":") {
            name = host[..<colon]
            let port = host[host.index(after: colon)...]
            guard port.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(port), (1...65_535).contains(number)
            else {
                throw .invalidPort(String(port))
            }
        }
        guard !name.isEmpty else { throw .empty(.host) }
        guard name.utf8.count <= 253 else { throw .tooLong(.host, length: name.utf8.count, limit: 253) }

        var offset = 0
        var labelStart = 0
        var previous: Unicode.Scalar = "."
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9":
                break
            case "-":
                if previous == "." { throw .invalidHostLabel(offset: labelStart) }
            case ".":
                if previous == "." || previous == "-" || offset - labelStart > 63 {
                    throw .invalidHostLabel(offset: labelStart)
                }
                labelStart = offset + 1
            default:
                throw rejection(of: scalar, at: offset, in: .host)
            }
            previous = scalar
            offset += UTF8.width(scalar)
        }
        if previous == "." || previous == "-" || offset - labelStart > 63 {
            throw .invalidHostLabel(offset: labelStart)
        }
        return HTTPCodePoint.lowercased(host)
    }

    /// The most specific reason `scalar` is not allowed.
    private static func rejection(
        of scalar: Unicode.Scalar,
        at offset: Int,
        in field: DeeployRequestError.Field
    ) -> DeeployRequestError {
        switch scalar {
        case "/", "\\": return .pathSeparator(field, offset: offset, found: scalar)
        case "?", "#": return .queryOrFragment(field, offset: offset, found: scalar)
        case "%": return .percentSign(field, offset: offset)
        default:
            if scalar.properties.generalCategory == .control && scalar != "\t" {
                return .controlCharacter(field, offset: offset, found: scalar)
            }
            if scalar.properties.isWhitespace {
                return .whitespace(field, offset: offset, found: scalar)
            }
            return .disallowedCharacter(field, offset: offset, found: scalar)
        }
    }
}

/// The former name of ``InferenceTarget``, from a ticket's wording.
@available(*, deprecated, renamed: "InferenceTarget")
public typealias InferenceRequestBuilder = InferenceTarget
