public import HTTPTypes
public import StrictJSON

/// Decoded responses as JSON objects, the form the `decode` command prints.
extension ResponseDecoder {
    /// Decodes a response and describes the result:
    /// `{"kind": "json", "mediaType", "size", "value"}` for a JSON body, or
    /// `{"kind": "binary", "mediaType", "size", "sha256"}` for any other body.
    ///
    /// `mediaType` is the normalised Content-Type, or the sniffed type when there is none;
    /// `size` counts the body's bytes.
    ///
    /// - Throws: what ``decode(status:fields:body:)-(Int,_,_)`` throws.
    public func reportObject(status: Int, fields: HTTPFields, body: [UInt8]) throws(ResponseError) -> JSONValue {
        switch try decode(status: status, fields: fields, body: body) {
        case .json(let value):
            let mediaType = try mediaType(of: fields, body: body)
            return .object([
                "kind": "json",
                "mediaType": .string(mediaType.description),
                "size": .number(JSONNumber(body.count)),
                "value": value,
            ])
        case .binary(let binary):
            return .object([
                "kind": "binary",
                "mediaType": .string(binary.mediaType.description),
                "size": .number(JSONNumber(binary.size)),
                "sha256": .string(binary.sha256),
            ])
        }
    }
}
