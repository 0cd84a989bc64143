/// What one pass over a payload learned about whether it is text, and in which encoding.
public struct TextEvidence: Sendable, Hashable {
    /// A byte-order mark at the very start.
    public enum ByteOrderMark: String, Sendable, Hashable {
        /// `EF BB BF`.
        case utf8 = "utf-8"
        /// `FF FE`.
        case utf16LittleEndian = "utf-16le"
        /// `FE FF`.
        case utf16BigEndian = "utf-16be"

        /// The mark's length in bytes.
        public var length: Int { self == .utf8 ? 3 : 2 }
    }

    /// The byte-order mark the payload starts with, if any.
    public var byteOrderMark: ByteOrderMark?
    /// The offset of the first byte that is binary by the WHATWG MIME Sniffing
    /// definition (0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F), if any. Not meaningful
    /// for UTF-16, whose text contains zero bytes.
    public var firstBinaryByte: Int?
    /// The offset where the bytes stop being valid UTF-8, if they do.
    public var firstInvalidUTF8: Int?
    /// True when every byte is below 0x80.
    public var isASCII: Bool
    /// For a payload with a UTF-16 byte-order mark: whether the rest is well-formed
    /// UTF-16 (even length, surrogates paired). Nil without such a mark.
    public var isValidUTF16: Bool?

    /// Creates evidence from its parts.
    public init(byteOrderMark: ByteOrderMark?, firstBinaryByte: Int?, firstInvalidUTF8: Int?, isASCII: Bool, isValidUTF16: Bool?) {
        self.byteOrderMark = byteOrderMark
        self.firstBinaryByte = firstBinaryByte
        self.firstInvalidUTF8 = firstInvalidUTF8
        self.isASCII = isASCII
        self.isValidUTF16 = isValidUTF16
    }

    /// True when the payload is UTF-16 text with a byte-order mark.
    public var isUTF16Text: Bool { isValidUTF16 == true }

    /// True when the payload reads as text: well-formed UTF-16 with a mark, or
    /// free of binary bytes (in any 8-bit encoding).
    public var isText: Bool { isUTF16Text || firstBinaryByte == nil }

    /// True when the payload is UTF-8 text (ASCII included) without binary bytes.
    public var isUTF8Text: Bool { byteOrderMark?.isUTF16 != true && firstBinaryByte == nil && firstInvalidUTF8 == nil }

    /// The charset this evidence proves, if any: `utf-16le`/`utf-16be` for UTF-16
    /// with a mark, `us-ascii` or `utf-8` for clean UTF-8 text.
    public var provenCharset: String? {
        if isUTF16Text { return byteOrderMark?.rawValue }
        guard isUTF8Text else { return nil }
        return isASCII ? "us-ascii" : "utf-8"
    }
}

extension TextEvidence.ByteOrderMark {
    var isUTF16: Bool { self != .utf8 }
}
