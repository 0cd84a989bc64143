public import HTTPTypes

/// An inference request ready to send: the swift-http-types request with its header fields, and
/// what it was built from. The body is the payload whose type is ``contentType``.
///
/// Made by ``InferenceTarget/makeRequest(endpoint:credentials:contentType:organizationID:accepted:)``,
/// whose header fields come from `HTTPFields.deeployRequest(credentials:contentType:organizationID:accepted:)`.
/// (Not to be confused with ``InferenceRequestV2``, the shape of an Open Inference Protocol body.)
///
/// Printing, debugging and `dump` show the `Authorization` value redacted; read
/// ``request`` or ``headerFields`` to send it.
public struct DeeployRequest: Sendable, Hashable {
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

extension DeeployRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
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

/// The header fields of an inference request, for callers that send it themselves.
extension HTTPFields {
    /// The header fields a Deeploy inference request carries: `Content-Type`, `Authorization`
    /// and, when given, `organization-id`, in that order.
    ///
    /// This is where every header check lives;
    /// ``InferenceTarget/makeRequest(endpoint:credentials:contentType:organizationID:accepted:)``
    /// builds its request's fields here.
    ///
    /// ```swift
    /// let fields = try HTTPFields.deeployRequest(credentials: credentials, contentType: .imagePNG)
    /// // Content-Type: image/png, Authorization: Basic …
    /// ```
    ///
    /// - Parameters:
    ///   - credentials: Sent as `Authorization` (never indexed by HPACK/QPACK).
    ///   - contentType: The payload's media type, sent normalised as `Content-Type`.
    ///   - organizationID: Sent as `organization-id` when given; checked like an id.
    ///   - accepted: The types the receiver accepts; Deeploy's by default.
    /// - Throws: ``DeeployRequestError/contentTypeNotAccepted(_:accepted:)`` when `accepted`
    ///   does not accept `contentType`, or an error for an invalid `organizationID`.
    public static func deeployRequest(
        credentials: Credentials,
        contentType: MediaType,
        organizationID: String? = nil,
        accepted: AcceptedMediaTypes = .deeploy
    ) throws(DeeployRequestError) -> HTTPFields {
        guard accepted.accepts(contentType) else {
            throw .contentTypeNotAccepted(contentType, accepted: accepted)
        }
        var fields = HTTPFields()
        fields[.contentType] = contentType.description
        fields.append(credentials.authorizationField())
        if let organizationID {
            let checked = try InferenceTarget.checkedIdentifier(organizationID, .organizationID)
            fields.append(HTTPField(name: organizationIDName, value: checked))
        }
        return fields
    }

    // A literal token, so the failable initialiser cannot return nil; no input reaches it.
    private static let organizationIDName = HTTPField.Name("organization-id")!
}

/// The former name of ``DeeployRequest``, which clashed with the body shape ``InferenceRequestV2``.
@available(*, deprecated, renamed: "DeeployRequest")
public typealias InferenceRequest = DeeployRequest
