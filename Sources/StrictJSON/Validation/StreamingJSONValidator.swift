/// Validates a JSON document that arrives in chunks, in memory bounded by its nesting depth.
///
/// Chunks may split the document at any byte, even inside a string, an escape, a UTF-8
/// sequence, a number or a literal; the result (and every error, with its absolute byte
/// offset, line and column) is the same as ``JSONValidator`` on the whole document.
/// Memory is a few words plus one bit per open container.
///
/// ```swift
/// var validator = StreamingJSONValidator()
/// while let chunk = try file.read(upToCount: 1 << 20) { try validator.consume(chunk) }
/// try validator.finish()
/// ```
public struct StreamingJSONValidator: Sendable {
    private var scanner: JSONScanner
    private var stack: [UInt64] = []
    private var lines = LineCounter()
    private var failure: JSONError?

    /// Creates a validator for one document.
    public init(options: JSONOptions = .init()) {
        scanner = JSONScanner(options: options)
    }

    /// How many bytes have been checked.
    public var bytesConsumed: Int { scanner.offset }

    /// Whether the bytes so far form one complete JSON document (more whitespace may follow).
    public var isComplete: Bool { failure == nil && scanner.isComplete }

    /// Checks the next `chunk` of the document.
    ///
    /// After an error, every later call throws the same error.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer) throws(JSONError) {
        if let failure { throw failure }
        let origin = scanner.offset
        let words = scanner.stackWords(forMore: chunk.count)
        var stack = self.stack
        self.stack = []
        if stack.count < words { stack.append(contentsOf: repeatElement(0, count: words - stack.count)) }
        var visitor = IgnoringVisitor()
        var caught: JSONError?
        stack.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            do throws(JSONError) {
                try scanner.scan(chunk, stack: base, visitor: &visitor)
            } catch {
                caught = error
            }
        }
        self.stack = stack
        if var error = caught {
            let position = lines.position(of: error.offset, chunk: chunk, origin: origin)
            error.line = position.line
            error.column = position.column
            failure = error
            throw error
        }
        lines.count(chunk, origin: origin)
    }

    /// Checks the next `chunk` of the document.
    public mutating func consume(_ chunk: some Collection<UInt8>) throws(JSONError) {
        try withContiguousBytes(chunk) { (buffer) throws(JSONError) in try consume(buffer) }
    }

    /// Checks that the document may end here: one complete value and nothing else.
    public mutating func finish() throws(JSONError) {
        if let failure { throw failure }
        var visitor = IgnoringVisitor()
        do {
            try scanner.finish(visitor: &visitor)
        } catch {
            var error = error
            error.line = lines.lineFeeds + 1
            error.column = error.offset - lines.lineStart + 1
            failure = error
            throw error
        }
    }
}
