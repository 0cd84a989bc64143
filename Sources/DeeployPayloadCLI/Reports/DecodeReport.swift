import DeeployPayload
import HTTPTypes
import StrictJSON

/// What `decode` prints of a response body.
///
/// JSON: `{"kind": "json", "mediaType", "size", "value"}` for a JSON body, or
/// `{"kind": "binary", "mediaType", "size", "sha256"}` for any other body. Text: the JSON value,
/// pretty, or the binary body's media type, size and SHA-256, one per line.
struct DecodeReport: CommandReport {
    /// What the body decoded to.
    enum Body {
        /// A JSON body, parsed.
        case json(JSONValue)
        /// Any other body, summarised by its digest.
        case binary(sha256: String)
    }

    /// The normalised Content-Type, or the sniffed type when there is none.
    let mediaType: MediaType
    /// The body's size in bytes.
    let size: Int
    /// The decoded body.
    let body: Body
    /// A JSON body's exact bytes, when an object in it repeats a member name: the parsed value
    /// keeps only the last, so these are printed instead.
    let repeatingBody: [UInt8]?

    /// Decodes a response with `decoder`.
    ///
    /// - Throws: what ``ResponseDecoder/decode(status:fields:body:)-(Int,_,_)`` throws.
    init(decoding bytes: [UInt8], status: Int, fields: HTTPFields, with decoder: ResponseDecoder) throws(ResponseError) {
        switch try decoder.decode(status: status, fields: fields, body: bytes) {
        case .json(let value):
            mediaType = try decoder.mediaType(of: fields, body: bytes)
            body = .json(value)
            repeatingBody = RawJSONBodies.repeatsAName(bytes) ? bytes : nil
        case .binary(let binary):
            mediaType = binary.mediaType
            body = .binary(sha256: binary.sha256)
            repeatingBody = nil
        }
        size = bytes.count
    }

    var json: JSONValue { json(value: nil) }

    /// The JSON form with a body that repeats a member name kept as its exact bytes.
    var jsonKeepingBodies: (value: JSONValue, bodies: RawJSONBodies) {
        var bodies = RawJSONBodies()
        guard case .json(let parsed) = body else { return (json, bodies) }
        let value = bodies.value(repeatingBody, parsed: parsed)
        return (json(value: value), bodies)
    }

    /// The JSON form, with `value` in place of the parsed body when given.
    private func json(value replacement: JSONValue?) -> JSONValue {
        switch body {
        case .json(let parsed):
            .object([
                "kind": "json",
                "mediaType": .string(mediaType.description),
                "size": .number(JSONNumber(size)),
                "value": replacement ?? parsed,
            ])
        case .binary(let sha256):
            .object([
                "kind": "binary",
                "mediaType": .string(mediaType.description),
                "size": .number(JSONNumber(size)),
                "sha256": .string(sha256),
            ])
        }
    }

    func writeText(to output: OutputWriter) {
        switch body {
        case .json(let value):
            if let repeatingBody {
                // The exact bytes: a pretty tree would drop all but the last member of a name.
                output.write(bytes: RawJSONBodies.trimmed(repeatingBody))
                output.write("\n")
            } else {
                output.writeJSONLine(value, pretty: true)
            }
        case .binary(let sha256):
            output.writeLine("binary: \(mediaType.description)")
            output.writeLine("size: \(size) bytes")
            output.writeLine("sha256: \(sha256)")
        }
    }
}
