/// Answers "is this valid JSON, and if not, where does it break?" without allocating.
///
/// The fast path for "is this payload JSON?": one pass over the bytes with a fixed bit
/// stack for nesting, so a document of ten million `[` fails with
/// ``JSONError/Kind/tooDeep`` at the limit instead of overflowing anything. It accepts
/// exactly what ``JSONParser`` accepts with the same options, except that it never looks
/// at key names (see ``JSONOptions/duplicateKeys``).
///
/// ```swift
/// try JSONValidator.validate(Array(#"{"instances": [1, 2]}"#.utf8))
/// JSONValidator.isValid(Array("[1,]".utf8))  // false
/// ```
public enum JSONValidator {
    /// Checks that `bytes` are exactly one JSON text (RFC 8259 §2), surrounded by optional whitespace.
    public static func validate(_ bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()) throws(JSONError) {
        // The fast path only ever says "valid"; every other answer, and every error, comes from the scanner.
        if options.maxSize.map({ bytes.count <= $0 }) ?? true,
            ValidatorFastPath.accepts(bytes, maxDepth: options.maxDepth)
        {
            return
        }
        var visitor = IgnoringVisitor()
        try JSONScanner.scanDocument(bytes, options: options, visitor: &visitor)
    }

    /// Checks that `bytes` are exactly one JSON text (RFC 8259 §2), surrounded by optional whitespace.
    public static func validate(_ bytes: some Collection<UInt8>, options: JSONOptions = .init()) throws(JSONError) {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try validate(buffer, options: options) }
    }

    /// Whether `bytes` are exactly one JSON text.
    public static func isValid(_ bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()) -> Bool {
        do {
            try validate(bytes, options: options)
            return true
        } catch {
            return false
        }
    }

    /// Whether `bytes` are exactly one JSON text.
    public static func isValid(_ bytes: some Collection<UInt8>, options: JSONOptions = .init()) -> Bool {
        do {
            try validate(bytes, options: options)
            return true
        } catch {
            return false
        }
    }
}
