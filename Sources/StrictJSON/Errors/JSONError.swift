/// Why and where a JSON document was rejected.
///
/// `offset` is the byte offset of the first byte at which the document can no longer be
/// valid JSON (for a missing end, the document's length). `line` and `column` are 1-based
/// and computed from the offset only when the error is made; a column counts bytes from
/// the start of its line, as most JSON tools do, and lines end at `\n`.
///
/// ```
/// invalid JSON at line 3, column 7 (byte 41): expected ',' or '}' after an object member, found 'x'
/// ```
public struct JSONError: Error, Sendable, Hashable {
    /// The rule that was broken.
    public var kind: Kind
    /// The byte offset from the start of the document (0-based).
    public var offset: Int
    /// The line of ``offset``, 1-based.
    public var line: Int
    /// The column of ``offset`` in bytes from the start of its line, 1-based.
    public var column: Int
    /// What would have been valid at ``offset``, in words.
    public var expected: String
    /// The byte found at ``offset``, or `nil` when the input ended there.
    public var found: UInt8?

    /// Creates an error; readers create these, tests and wrappers may too.
    public init(kind: Kind, offset: Int, line: Int, column: Int, expected: String, found: UInt8?) {
        self.kind = kind
        self.offset = offset
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
    }

    /// An error whose line and column are not yet known; see ``located(in:)``.
    init(_ kind: Kind, at offset: Int, expected: String, found: UInt8?) {
        self.init(kind: kind, offset: offset, line: 0, column: 0, expected: expected, found: found)
    }

    /// This error with `line` and `column` computed from the document it came from.
    func located(in document: UnsafeRawBufferPointer) -> JSONError {
        var located = self
        let position = TextPosition(of: offset, in: document)
        located.line = position.line
        located.column = position.column
        return located
    }
}
