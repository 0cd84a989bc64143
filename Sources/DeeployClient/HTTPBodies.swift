import AsyncHTTPClient
import DeeployPayload
import HTTPTypes
import NIOCore
import NIOHTTP1
import StrictJSON

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
