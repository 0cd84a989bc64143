import DeeployCLISupport
import DeeployPayload
import HTTPTypes
import StrictJSON

/// What `decode` prints of a response body.
///
/// JSON: `{"kind": "json", "mediaType", "size", "value"}` for a JSON body, or
/// `{"kind": "binary", "mediaType", "size", "sha256"}` for any other body. Text: the JSON value,
/// pretty, or the binary body's media type, size and SHA-256, one per line.
///
/// A JSON body is never made a tree: it is checked once (``DuplicateKeyScan``, which validates
/// as the parser does and finds a repeated member name), then written from its bytes in the
/// pretty layout (``OutputWriter/writeJSON(reformatting:indent:options:)``) in 64 KiB pieces,
/// which is byte for byte what serializing the parsed tree wrote. A body that repeats a member
/// name is written as its exact bytes instead, as before: a tree kept only the last member.
/// The body itself is still read whole. Issue 21, defect 4, on a 100 MiB body
/// (scripts/decode-memory.sh, debug builds, back to back): as a tree serialized into one
/// buffer the peak RSS was 691 MiB (6.9 times the body) and 27-31 s of CPU; now 120 MiB
/// (1.2 times) and 4.6 s, in both formats.
struct DecodeReport {
    /// What the body decoded to.
    enum Body {
        /// A JSON body: its bytes, valid JSON, and whether an object in it repeats a member name.
        case json([UInt8], repeatsAName: Bool)
        /// Any other body, summarised by its digest.
        case binary(sha256: String)
    }

    /// The normalised Content-Type, or the sniffed type when there is none.
    let mediaType: MediaType
    /// The body's size in bytes.
    let size: Int
    /// The decoded body.
    let body: Body
    /// The options a JSON body was checked with, which writing it reads it with again.
    var options = JSONOptions()

    /// Decodes a response with `decoder`, as ``ResponseDecoder/decode(status:fields:body:)-(Int,_,_)``
    /// does but without parsing a JSON body into a tree.
    ///
    /// - Throws: what ``ResponseDecoder/decode(status:fields:body:)-(Int,_,_)`` throws, with the
    ///   same errors for invalid JSON.
    init(decoding bytes: [UInt8], status: Int, fields: HTTPFields, with decoder: ResponseDecoder) throws(ResponseError) {
        if (400...599).contains(status) {
            // Throws the server's message, whatever the body; no tree is made on that path.
            _ = try decoder.decode(status: status, fields: fields, body: bytes)
        }
        mediaType = try decoder.mediaType(of: fields, body: bytes)
        size = bytes.count
        if mediaType.isJSON {
            options = decoder.options
            // The parser caps the depth so for its trees; the same cap keeps the same answers.
            options.maxDepth = min(options.maxDepth, JSONParser.maximumTreeDepth)
            body = .json(bytes, repeatsAName: try Self.check(bytes, options: options))
        } else {
            body = .binary(sha256: BinaryBody(bytes: bytes, mediaType: mediaType).sha256)
        }
    }

    /// Checks `bytes` as `JSONParser.parse(_:options:)` would, and tells whether an object in
    /// them repeats a member name.
    ///
    /// - Throws: ``ResponseError/invalidJSON(_:)`` with the parser's error.
    private static func check(_ bytes: [UInt8], options: JSONOptions) throws(ResponseError) -> Bool {
        do throws(JSONError) {
            let duplicate = try bytes.withUnsafeBytes { buffer in
                Result { () throws(JSONError) in try DuplicateKeyScan.validate(buffer, options: options) }
            }.get()
            if duplicate != nil, options.duplicateKeys == .reject {
                // The parser's own error for the repeat (a rare path, and a tree is what tells it).
                _ = try JSONParser.parse(bytes, options: options)
            }
            return duplicate != nil
        } catch {
            throw .invalidJSON(error)
        }
    }

    /// Writes the report in `format` and flushes the output.
    ///
    /// Throws only if a JSON body that ``init(decoding:status:fields:with:)`` checked does not
    /// read as JSON again, which that check rules out.
    func write(_ format: TextOrJSON, to output: OutputWriter) throws(ResponseError) {
        do throws(JSONError) {
            switch format {
            case .json: try writeJSON(to: output)
            case .text: try writeText(to: output)
            }
        } catch {
            throw .invalidJSON(error)
        }
        output.flush()
    }

    /// The JSON form, laid out as `JSONSerializer(pretty: true)` lays out a tree.
    private func writeJSON(to output: OutputWriter) throws(JSONError) {
        switch body {
        case .json(let bytes, let repeatsAName):
            output.write("{\n  \"kind\": \"json\",\n  \"mediaType\": ")
            output.writeJSON(.string(mediaType.description))
            output.write(",\n  \"size\": \(size),\n  \"value\": ")
            try Self.writeValue(bytes, repeatsAName: repeatsAName, indent: 1, to: output, options: options)
            output.write("\n}\n")
        case .binary(let sha256):
            let summary: JSONValue = .object([
                "kind": "binary",
                "mediaType": .string(mediaType.description),
                "size": .number(JSONNumber(size)),
                "sha256": .string(sha256),
            ])
            output.writeJSONLine(summary, pretty: true)
        }
    }

    private func writeText(to output: OutputWriter) throws(JSONError) {
        switch body {
        case .json(let bytes, let repeatsAName):
            try Self.writeValue(bytes, repeatsAName: repeatsAName, indent: 0, to: output, options: options)
            output.write("\n")
        case .binary(let sha256):
            output.writeLine("binary: \(mediaType.description)")
            output.writeLine("size: \(size) bytes")
            output.writeLine("sha256: \(sha256)")
        }
    }

    /// A JSON body at level `indent`: pretty, or, when it repeats a member name, its exact
    /// bytes without the whitespace around them (the pretty layout of a tree, which this
    /// replaces, would have dropped all but the last member of a name).
    private static func writeValue(
        _ bytes: [UInt8], repeatsAName: Bool, indent: Int, to output: OutputWriter, options: JSONOptions
    ) throws(JSONError) {
        guard repeatsAName else { return try output.writeJSON(reformatting: bytes, indent: indent, options: options) }
        let isWhitespace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }), let last = bytes.lastIndex(where: { !isWhitespace($0) }) else {
            return
        }
        // In 64 KiB pieces, so the output buffer never holds the whole body.
        for start in stride(from: first, through: last, by: 64 * 1024) {
            output.write(bytes: bytes[start...min(start + 64 * 1024 - 1, last)])
        }
    }
}
