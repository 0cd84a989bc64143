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

    /// The body's media type: the Content-Type, or the sniffed type when there is none.
    func mediaType(of fields: HTTPFields, body: [UInt8]) throws(ResponseError) -> MediaType {
        guard fields[.contentType] == nil else {
            do throws(HeaderError) {
                return try fields.deeployContentType()
            } catch {
                throw .invalidContentType(error)
            }
        }
        guard let sniffer else { return .applicationOctetStream }
        do throws(SniffError) {
            return try sniffer.sniff(.bytes(body)).mediaTypeWithCharset
        } catch {
            throw .sniffFailed(error)
        }
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
