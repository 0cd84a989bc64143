public import HTTPTypes
public import StrictJSON

/// Turns an inference response (status, header fields, body) into a ``DecodedBody`` or a
/// typed value, following Deeploy's rule: JSON when the Content-Type is a JSON media type
/// (``MediaType/isJSON``), binary otherwise.
///
/// - A 4xx or 5xx status throws ``ResponseError/httpStatus(status:message:)`` with the
///   server's message, whatever the body's type: a JSON object's `error`, `message` or
///   `detail`, or else the body as text (for a `text/*` or JSON type, or no type and bytes that
///   read as UTF-8 text). Control characters become spaces and the message is cut to
///   ``maxErrorMessageLength`` characters, the last being `…` when anything was cut.
/// - A missing Content-Type is sniffed when the decoder has a ``Sniffer``. Without one the
///   body is taken as `application/octet-stream` and decoded as binary: a response, unlike a
///   request, has no JSON default, and guessing from bytes without a sniffer is what this type
///   avoids.
/// - A Content-Type that is not a media type (or several that disagree) throws
///   ``ResponseError/invalidContentType(_:)``.
/// - A JSON body that does not parse throws ``ResponseError/invalidJSON(_:)`` with line,
///   column and byte offset; an empty body with a JSON type is invalid JSON too.
///
/// ```swift
/// let decoder = ResponseDecoder(sniffer: try Sniffer())
/// let response = try decoder.decode(V1PredictResponse.self, status: 200, fields: fields, body: body)
/// ```
public struct ResponseDecoder: Sendable {
    /// The sniffer for responses without a Content-Type, if any.
    public var sniffer: Sniffer?
    /// The JSON reading options (depth, size, duplicate keys).
    public var options: JSONOptions
    /// The most characters of a server's error message kept in ``ResponseError/httpStatus(status:message:)``.
    public var maxErrorMessageLength: Int

    /// Creates a decoder.
    public init(sniffer: Sniffer? = nil, options: JSONOptions = .init(), maxErrorMessageLength: Int = 512) {
        self.sniffer = sniffer
        self.options = options
        self.maxErrorMessageLength = maxErrorMessageLength
    }

    /// Decodes a response body.
    public func decode(status: Int, fields: HTTPFields, body: [UInt8]) throws(ResponseError) -> DecodedBody {
        if (400...599).contains(status) {
            // Without a Content-Type (or with a broken one) the message reader looks at the bytes itself.
            let mediaType = fields[.contentType] == nil ? nil : try? self.mediaType(of: fields, body: body)
            throw .httpStatus(
                status: status, message: ServerMessage.extract(from: body, mediaType: mediaType, limit: maxErrorMessageLength))
        }
        let mediaType = try self.mediaType(of: fields, body: body)
        guard mediaType.isJSON else { return .binary(BinaryBody(bytes: body, mediaType: mediaType)) }
        do throws(JSONError) {
            return .json(try JSONParser.parse(body, options: options))
        } catch {
            throw .invalidJSON(error)
        }
    }

    /// Decodes a response body; `status` as swift-http-types spells it.
    public func decode(status: HTTPResponse.Status, fields: HTTPFields, body: [UInt8]) throws(ResponseError) -> DecodedBody {
        try decode(status: status.code, fields: fields, body: body)
    }

    /// Decodes a JSON response body as `T` (with StrictJSON's `StrictJSONDecoder` rules).
    ///
    /// - Throws: everything ``decode(status:fields:body:)-(Int,_,_)`` throws, plus
    ///   ``ResponseError/notJSON(mediaType:)`` for a binary body and
    ///   ``ResponseError/shapeMismatch(type:message:)`` when the JSON is not a `T`.
    public func decode<T: Decodable>(_ type: T.Type, status: Int, fields: HTTPFields, body: [UInt8]) throws(ResponseError) -> T {
        switch try decode(status: status, fields: fields, body: body) {
        case .binary(let binary):
            throw .notJSON(mediaType: binary.mediaType)
        case .json(let value):
            do {
                return try StrictJSONDecoder(options: options).decode(type, from: value)
            } catch {
                throw .shapeMismatch(type: String(describing: type), message: Self.message(of: error))
            }
        }
    }

    /// Decodes a JSON response body as `T`; `status` as swift-http-types spells it.
    public func decode<T: Decodable>(_ type: T.Type, status: HTTPResponse.Status, fields: HTTPFields, body: [UInt8]) throws(ResponseError) -> T {
        try decode(type, status: status.code, fields: fields, body: body)
    }

    /// The body's media type as ``decode(status:fields:body:)-(Int,_,_)`` sees it: the
    /// normalised Content-Type, or, when there is none, the sniffed type (with its charset), or
    /// `application/octet-stream` without a sniffer.
    ///
    /// - Throws: ``ResponseError/invalidContentType(_:)`` or ``ResponseError/sniffFailed(_:)``.
    public func mediaType(of fields: HTTPFields, body: [UInt8]) throws(ResponseError) -> MediaType {
        guard fields[.contentType] == nil else {
            do throws(HeaderError) {
                return try fields.deeployContentType()
            } catch {
                throw .invalidContentType(error)
            }
        }
        do throws(SniffError) {
            return try Self.untypedResponseType(of: body, sniffer: sniffer)
        } catch {
            throw .sniffFailed(error)
        }
    }

    /// The media type of a response body that came without a Content-Type: sniffed when there
    /// is a sniffer, `application/octet-stream` otherwise. A response, unlike a request, has no
    /// JSON default. The log splitter follows the same rule.
    static func untypedResponseType(of body: [UInt8], sniffer: Sniffer?) throws(SniffError) -> MediaType {
        guard let sniffer else { return .applicationOctetStream }
        return try sniffer.sniff(.bytes(body)).mediaTypeWithCharset
    }

    private static func message(of error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return String(describing: error)
        }
    }
}

/// Why a response could not be turned into a ``DecodedBody`` or a typed value.
public enum ResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered with a 4xx or 5xx status. `message` is the server's own message,
    /// from `{"error": ...}`, `{"message": ...}`, `{"detail": ...}` or a text body, cut to the
    /// decoder's limit; `nil` when the body had none.
    case httpStatus(status: Int, message: String?)
    /// The Content-Type says JSON but the body is not; the error gives line, column and byte.
    case invalidJSON(JSONError)
    /// The Content-Type field is not a media type, or several fields disagree.
    case invalidContentType(HeaderError)
    /// The response had no Content-Type and sniffing the body failed.
    case sniffFailed(SniffError)
    /// A typed value was asked of a body that is not JSON.
    case notJSON(mediaType: MediaType)
    /// The body is JSON but not the shape of the type asked for.
    case shapeMismatch(type: String, message: String)

    /// What was wrong and what to do about it.
    public var description: String {
        switch self {
        case .httpStatus(let status, let message):
            let reason = Self.reasonPhrases[status].map { " \($0)" } ?? ""
            let said = message.map { ": \(Diagnostic.clause($0))" } ?? " (the body carried no message)"
            return "the server answered \(status)\(reason)\(said). \(Self.advice(for: status))"
        case .invalidJSON(let error):
            return "the response says it is JSON but is not: \(Diagnostic.clause(error)). "
                + "The model or a proxy sent a broken body; send the request again or check the model's logs."
        case .invalidContentType(let error):
            return "the response's Content-Type cannot be read: \(error)"
        case .sniffFailed(let error):
            return "the response has no Content-Type and its body could not be sniffed: \(error)"
        case .notJSON(let mediaType):
            return "the response is \(mediaType), not JSON, so it cannot be decoded as a typed value; "
                + "read it as DecodedBody.binary instead."
        case .shapeMismatch(let type, let message):
            return "the response is JSON but not \(Diagnostic.withArticle(type)): \(message)"
        }
    }

    private static let reasonPhrases: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type",
        422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
        502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    private static func advice(for status: Int) -> String {
        switch status {
        case 401: "Check the Authorization header: a deployment token (Bearer) or a personal key pair (Basic)."
        case 403: "The credentials are valid but may not call this deployment; check the token's or key's permissions."
        case 404: "Check the workspace and deployment IDs and the endpoint (predict, explain, completions, ...)."
        case 413: "The payload is larger than the server accepts; send fewer instances per request."
        case 415: "Send a Content-Type Deeploy accepts: application/json, application/pdf, application/octet-stream, image/*, text/*."
        case 429: "Too many requests; wait and retry with backoff."
        case 400..<500: "The request was rejected; check the payload against the model's expected input."
        default: "The failure is on the server side; retry later or check the deployment's logs in Deeploy."
        }
    }
}

/// A decoded response body, following Deeploy's rule: JSON when the model answers with a JSON
/// media type, binary otherwise.
public enum DecodedBody: Sendable, Hashable {
    /// A JSON body, parsed.
    case json(JSONValue)
    /// Any other body, with its media type.
    case binary(BinaryBody)

    /// The JSON value, for ``json(_:)``.
    public var json: JSONValue? {
        if case .json(let value) = self { value } else { nil }
    }

    /// The binary body, for ``binary(_:)``.
    public var binary: BinaryBody? {
        if case .binary(let body) = self { body } else { nil }
    }
}

/// A response body that is not JSON: its bytes and media type, with a checked text view for
/// `text/*`.
public struct BinaryBody: Sendable, Hashable {
    /// The body.
    public var bytes: [UInt8]
    /// The media type, from `Content-Type` or, when that was missing, from sniffing.
    public var mediaType: MediaType

    /// Creates a binary body.
    public init(bytes: [UInt8], mediaType: MediaType) {
        self.bytes = bytes
        self.mediaType = mediaType
    }

    /// The size in bytes.
    public var size: Int { bytes.count }

    /// The SHA-256 digest of ``bytes``, 64 lowercase hex digits; computed on each call.
    public var sha256: String { SHA256.hexDigest(bytes) }

    /// The body as text, for a `text/*` type; computed on each call.
    ///
    /// A byte-order mark picks the encoding (UTF-8, UTF-16LE, UTF-16BE); otherwise the
    /// `charset` parameter does (UTF-8, US-ASCII, UTF-16LE/BE, ISO-8859-1), and no charset
    /// means UTF-8. `nil` when the type is not `text/*`, the charset is none of these, or the
    /// bytes are not valid in it (a stray byte is never silently replaced).
    public var text: String? {
        guard mediaType.isText else { return nil }
        return Charset.decode(bytes, label: mediaType.charset)
    }
}

// MARK: - The server's message in an error response

extension ResponseDecoder {
    /// The message a server put in an error response, made safe and short for logs and terminals.
    enum ServerMessage {
        /// JSON members that carry the message, in the order they are looked for.
        static let messageKeys = ["error", "message", "detail"]
        /// Bodies larger than this are not parsed as JSON; their start is read as text.
        static let parseLimit = 1 << 20

        /// The message in `body`, at most `limit` characters (an ellipsis marks a cut), or `nil`
        /// when the body is empty, binary or blank.
        static func extract(from body: [UInt8], mediaType: MediaType?, limit: Int) -> String? {
            guard !body.isEmpty else { return nil }
            if body.count <= parseLimit, let value = try? JSONParser.parse(body), let message = message(in: value) {
                return clean(message, limit: limit, truncated: false)
            }
            guard mediaType.map({ $0.isText || $0.isJSON }) ?? looksLikeText(body) else { return nil }
            // Never decode more than the message can show: a character is at most 4 bytes in UTF-8
            // (and in the other charsets), so this many bytes hold `limit` characters or all of the body.
            let budget = limit.multipliedReportingOverflow(by: 4).partialValue.addingReportingOverflow(8).partialValue
            let prefix = Array(body.prefix(max(budget, 8)))
            let text = Charset.decode(prefix, label: mediaType?.charset) ?? String(decoding: prefix, as: UTF8.self)
            return clean(text, limit: limit, truncated: prefix.count < body.count)
        }

        /// The first of `error`, `message` and `detail` in an object (a nested object's own
        /// `message`, else its compact JSON), or a top-level string.
        static func message(in value: JSONValue) -> String? {
            switch value {
            case .string(let text):
                return text
            case .object(let object):
                for key in messageKeys {
                    switch object[key] {
                    case nil, .null?: continue
                    case .string(let text)?: return text
                    case .object(let nested)?:
                        if case .string(let text)? = nested["message"] { return text }
                        return JSONValue.object(nested).jsonString
                    case let other?: return other.jsonString
                    }
                }
                return nil
            default:
                return nil
            }
        }

        /// `text` with control characters (which could drive a terminal) turned into spaces, trimmed,
        /// and cut to `limit` characters, the last being `…` when anything was cut.
        static func clean(_ text: String, limit: Int, truncated: Bool) -> String? {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                scalars.append(scalar.properties.generalCategory == .control ? " " : scalar)
            }
            let cleaned = String(scalars).trimmingSpaces()
            guard !cleaned.isEmpty else { return nil }
            let limit = max(limit, 1)
            guard truncated || cleaned.count > limit else { return cleaned }
            return String(cleaned.prefix(limit - 1)) + "…"
        }

        /// Whether bytes without a media type read as UTF-8 text.
        private static func looksLikeText(_ body: [UInt8]) -> Bool {
            var prefix = body.prefix(4096)
            if prefix.count < body.count {
                // Do not judge a character that the cut split: drop a trailing partial sequence.
                var dropped = 0
                while dropped < 3, let last = prefix.last, last & 0xC0 == 0x80 {
                    prefix.removeLast()
                    dropped += 1
                }
                if let last = prefix.last, last >= 0xC0 { prefix.removeLast() }
            }
            return !prefix.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
                && String(validating: prefix, as: UTF8.self) != nil
        }
    }
}

extension String {
    /// This string without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
