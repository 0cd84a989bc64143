public import HTTPTypes

/// An inference request ready to send: the swift-http-types request with its header fields, and
/// what it was built from. The body is the payload whose type is ``contentType``.
///
/// Printing, debugging and `dump` show the `Authorization` value redacted; read
/// ``request`` or ``headerFields`` to send it.
public struct InferenceRequest: Sendable, Hashable {
    /// `POST https://api.HOST/workspaces/WS/deployments/ID/ENDPOINT` with its header fields.
    public let request: HTTPRequest
    /// The endpoint called.
    public let endpoint: InferenceEndpoint
    /// The payload's media type, as sent in `Content-Type`.
    public let contentType: MediaType

    /// The request's header fields: `Content-Type`, `Authorization` and optionally
    /// `organization-id`.
    public var headerFields: HTTPFields { request.headerFields }

    /// `https://api.HOST/workspaces/WS/deployments/ID/ENDPOINT[?QUERY]`.
    public var url: String {
        "\(request.scheme ?? "https")://\(request.authority ?? "")\(request.path ?? "")"
    }
}

extension InferenceRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `POST URL` followed by the header fields, with `Authorization` shown as its scheme and
    /// `(redacted)`.
    public var description: String {
        let fields = request.headerFields.map { field in
            field.name == .authorization
                ? "\(field.name): \(field.value.prefix { $0 != " " }) (redacted)"
                : "\(field.name): \(field.value)"
        }
        return "\(request.method) \(url) [\(fields.joined(separator: ", "))]"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the redacted description only, so that `dump` shows no secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["request": description, "endpoint": endpoint, "contentType": contentType], displayStyle: .struct)
    }
}
