/// A JSON number (RFC 8259 §6) that keeps its exact source text, so it is never rounded
/// on its way through.
///
/// Accessors convert only when the value fits: ``int64`` and ``uint64`` are `nil` unless the
/// number is an integer in range (`1.0` and `1e2` are integers), ``double`` is the nearest
/// `Double` and `nil` only when the number is too large for one, ``decimal`` is `nil` unless
/// `Decimal` holds the value exactly.
///
/// Equality and hashing are by numeric value, not text: `1`, `1.0`, `10e-1` and `1E0` are
/// equal, and so are `0` and `-0`. Numbers whose exponent is beyond ±10^15 (no number
/// type can hold them anyway) compare by text.
///
/// ```swift
/// let price = JSONNumber(text: "19.990")!
/// price.text    // "19.990"
/// price.double  // 19.99
/// price.int64   // nil
/// ```
public struct JSONNumber: Sendable {
    /// The number as it was written, in RFC 8259 §6 syntax.
    public let text: String

    /// A number whose text the scanner has already checked.
    init(uncheckedText text: String) {
        self.text = text
    }

    /// The number written as `text`, or `nil` if `text` is not exactly one RFC 8259 number
    /// (no sign `+`, no leading zeros, no surrounding whitespace).
    public init?(text: String) {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last,
            first == 0x2D || ByteClass.isDigit(first), ByteClass.isDigit(last),
            JSONValidator.isValid(utf8, options: JSONOptions(maxDepth: 0, maxSize: nil))
        else { return nil }
        self.text = text
    }

    /// An integer.
    public init(_ value: Int) { text = String(value) }

    /// An integer.
    public init(_ value: Int64) { text = String(value) }

    /// An integer.
    public init(_ value: UInt64) { text = String(value) }

    /// A `Double` written as the shortest text that reads back as the same `Double`, or
    /// `nil` for infinities and NaN, which JSON cannot express.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        text = value.description
    }

    /// A `Float` written as the shortest text that reads back as the same `Float`, or
    /// `nil` for infinities and NaN.
    public init?(_ value: Float) {
        guard value.isFinite else { return nil }
        text = value.description
    }
}

extension JSONNumber: CustomStringConvertible {
    /// The source text.
    public var description: String { text }
}

extension JSONNumber: ExpressibleByIntegerLiteral {
    /// An integer.
    public init(integerLiteral value: Int) { self.init(value) }
}
