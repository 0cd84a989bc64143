/// Parses RFC 8259 JSON from UTF-8 bytes into a ``JSONValue``.
///
/// The parser accepts exactly what ``JSONValidator`` accepts with the same options, then
/// applies ``JSONOptions/duplicateKeys``. It never recurses, so no document can overflow
/// the stack while parsing; the tree's depth is capped at ``maximumTreeDepth`` because
/// comparing, hashing, serializing and freeing a tree do recurse.
///
/// ```swift
/// let value = try JSONParser.parse(#"{"predictions": [0.93, 0.07]}"#)
/// value["predictions"]?[0]?.doubleValue  // 0.93
/// ```
public enum JSONParser {
    /// The deepest tree any reader builds; a larger ``JSONOptions/maxDepth`` acts as this.
    public static let maximumTreeDepth = 2_048

    /// Parses `bytes` as one JSON text.
    public static func parse(_ bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()) throws(JSONError) -> JSONValue {
        guard let base = bytes.baseAddress else {
            try JSONValidator.validate(bytes, options: options)
            return .null
        }
        var builder = TreeBuilder(document: base, policy: options.duplicateKeys)
        try JSONScanner.scanDocument(bytes, options: options, maxDepthCap: maximumTreeDepth, visitor: &builder)
        return builder.result()
    }

    /// Parses `bytes` as one JSON text.
    public static func parse(_ bytes: some Collection<UInt8>, options: JSONOptions = .init()) throws(JSONError) -> JSONValue {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try parse(buffer, options: options) }
    }

    /// Parses the UTF-8 form of `string` as one JSON text.
    public static func parse(_ string: String, options: JSONOptions = .init()) throws(JSONError) -> JSONValue {
        try parse(string.utf8, options: options)
    }
}
