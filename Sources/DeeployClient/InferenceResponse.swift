public import DeeployPayload
public import HTTPTypes
import StrictJSON

/// A successful (2xx) answer, decoded by the package's ``ResponseDecoder``: JSON when its
/// Content-Type is a JSON type, binary otherwise.
public struct InferenceResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The response's header fields.
    public var headerFields: HTTPFields
    /// The decoded body.
    public var body: DecodedBody
    /// The body's size in bytes (for a merged batch answer, the sum of the parts').
    public var size: Int
    /// How many attempts the call took, retries included (for a batch, the most any part took).
    public var attempts: Int
    /// For a call split into batches, each batch's own response, in order; else empty.
    public var batches: [InferenceResponse]
    /// The verdict the payload was sent under (the first batch's, for a split call).
    public var verdict: Verdict

    /// The body's media type: the JSON type or the binary body's.
    public var mediaType: MediaType {
        switch body {
        case .json: (try? headerFields.deeployContentType()) ?? .applicationJSON
        case .binary(let binary): binary.mediaType
        }
    }

    /// The request id from an `x-request-id` or `request-id` header field, or a `requestLogId`
    /// member of a JSON body, when there is one.
    public var requestID: String? {
        for name in HTTPBodies.requestIDFields {
            if let fieldName = HTTPField.Name(name), let value = headerFields[fieldName], !value.isEmpty { return value }
        }
        guard case .json(.object(let object)) = body else { return nil }
        for name in HTTPBodies.requestIDMembers {
            if case .string(let value)? = object[name] { return value }
        }
        return nil
    }

    /// The JSON body as `T` (``V1PredictResponse``, ``InferenceResponseV2``,
    /// ``CompletionResponse``, …), by StrictJSON's decoder.
    ///
    /// - Throws: ``DeeployClientError/invalidResponse(_:)`` with
    ///   ``ResponseError/notJSON(mediaType:)`` or ``ResponseError/shapeMismatch(type:message:)``.
    public func decoded<T: Decodable>(as type: T.Type) throws(DeeployClientError) -> T {
        switch body {
        case .binary(let binary):
            throw .invalidResponse(.notJSON(mediaType: binary.mediaType))
        case .json(let value):
            do {
                return try StrictJSONDecoder().decode(type, from: value)
            } catch {
                throw .invalidResponse(.shapeMismatch(type: String(describing: type), message: String(describing: error)))
            }
        }
    }
}

/// A binary answer written to a file by ``DeeployClient/download(_:endpoint:options:to:)``.
public struct DownloadedBody: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The media type from `Content-Type` (`application/octet-stream` when there was none).
    public var mediaType: MediaType
    /// The bytes written.
    public var size: Int
    /// The SHA-256 of the bytes written, computed as they arrived: 64 lowercase hex digits.
    public var sha256: String
    /// The file written.
    public var path: String
}
