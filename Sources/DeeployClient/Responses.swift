import AsyncHTTPClient
public import DeeployPayload
public import HTTPTypes
import NIOCore
import NIOHTTP1
import StrictJSON

/// A successful (2xx) answer, decoded by the package's `ResponseDecoder`: JSON when its
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

    /// The JSON body as `T` (`V1PredictResponse`, `InferenceResponseV2`,
    /// `CompletionResponse`, …), by StrictJSON's decoder.
    ///
    /// - Throws: ``DeeployClientError/invalidResponse(_:)`` with
    ///   `ResponseError/notJSON(mediaType:)` or `ResponseError/shapeMismatch(type:message:)`.
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

/// Reading response heads and bodies: header conversion, bounded collection, error bodies.
enum HTTPBodies {
    /// The most of an error body read to find its message.
    static let errorBodyLimit = 1 << 20

    /// AsyncHTTPClient's header fields as swift-http-types fields (names that are not valid
    /// tokens are dropped: no server sends them, and none is read here).
    static func fields(_ headers: HTTPHeaders) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }

    /// swift-http-types fields as AsyncHTTPClient's.
    static func headers(_ fields: HTTPFields) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for field in fields { headers.add(name: field.name.rawName, value: field.value) }
        return headers
    }

    /// The body, read whole up to `limit` bytes.
    ///
    /// - Throws: ``DeeployClientError/responseTooLarge(limit:declaredLength:)`` when the
    ///   Content-Length or the bytes pass `limit` (reading stops there), and
    ///   ``DeeployClientError/truncatedResponse(received:attempts:)`` when the connection
    ///   closes first.
    static func collect(_ response: HTTPClientResponse, limit: Int, attempts: Int) async throws -> [UInt8] {
        let declared = response.headers.first(name: "content-length").flatMap { Int($0) }
        if let declared, declared > limit {
            throw DeeployClientError.responseTooLarge(limit: limit, declaredLength: declared)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declared ?? 0, limit))
        do {
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= limit else {
                    throw DeeployClientError.responseTooLarge(limit: limit, declaredLength: declared)
                }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as DeeployClientError {
            throw error
        } catch {
            throw Transport.bodyError(error, received: bytes.count, attempts: attempts)
        }
        return bytes
    }

    /// Reads an error body (up to ``errorBodyLimit``, tolerating a cut) into an ``HTTPFailure``.
    static func failure(of response: HTTPClientResponse, attempts: Int) async -> HTTPFailure {
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body {
                if bytes.count < errorBodyLimit { bytes.append(contentsOf: chunk.readableBytesView.prefix(errorBodyLimit - bytes.count)) }
            }
        } catch {
            // A cut error body still has a status; its start may still hold the message.
        }
        return failure(status: Int(response.status.code), headers: response.headers, body: bytes, attempts: attempts)
    }

    /// The parts of an error answer: the package's ``ResponseDecoder`` finds the message (a
    /// JSON `error`, `message` or `detail`, or the text, cleaned and cut), and the request id
    /// comes from a header field or the body.
    static func failure(status: Int, headers: HTTPHeaders, body: [UInt8], attempts: Int) -> HTTPFailure {
        var message: String?
        do {
            _ = try ResponseDecoder().decode(status: status, fields: fields(headers), body: body)
        } catch {
            if case .httpStatus(_, let said) = error { message = said }
        }
        return HTTPFailure(status: status, message: message, requestID: requestID(headers: headers, body: body), attempts: attempts)
    }

    /// Header fields and body members that carry a request id, in the order they are looked for.
    static let requestIDFields = ["x-request-id", "request-id", "x-deeploy-request-id"]
    static let requestIDMembers = ["requestId", "request_id", "requestLogId"]

    static func requestID(headers: HTTPHeaders, body: [UInt8]) -> String? {
        for name in requestIDFields {
            if let value = headers.first(name: name), !value.isEmpty { return value }
        }
        guard body.count <= errorBodyLimit, case .object(let object)? = try? JSONParser.parse(body) else { return nil }
        for name in requestIDMembers {
            if case .string(let value)? = object[name], !value.isEmpty { return String(value.prefix(128)) }
        }
        return nil
    }
}
