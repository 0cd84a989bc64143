/// Where one object member sits in a document's bytes.
///
/// Ranges are byte offsets into the buffer that was scanned. ``keyRange`` includes the
/// key's quotes; ``valueRange`` is exactly the bytes of the value, without surrounding
/// whitespace, so `bytes[valueRange]` is itself a complete JSON text.
public struct JSONMemberSpan: Sendable, Hashable {
    /// The key, unescaped.
    public var key: String
    /// The key's bytes, quotes included.
    public var keyRange: Range<Int>
    /// The value's bytes.
    public var valueRange: Range<Int>

    /// Creates a span.
    public init(key: String, keyRange: Range<Int>, valueRange: Range<Int>) {
        self.key = key
        self.keyRange = keyRange
        self.valueRange = valueRange
    }

    /// From the key's opening quote to the value's last byte.
    public var memberRange: Range<Int> { keyRange.lowerBound..<valueRange.upperBound }
}
