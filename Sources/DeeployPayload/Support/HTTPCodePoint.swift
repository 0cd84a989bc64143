/// The code point classes that the WHATWG MIME Sniffing and Fetch standards define for HTTP,
/// checked on UTF-8 bytes.
///
/// Every delimiter these classes test for is ASCII, and a UTF-8 multi-byte sequence never
/// contains an ASCII byte, so scanning bytes finds exactly the code points the standards mean.
/// Package-wide: the gateway's multipart guard checks header names with `isToken(_:)`.
package enum HTTPCodePoint {
    /// HTTP whitespace (Fetch): U+000A LF, U+000D CR, U+0009 TAB or U+0020 SPACE.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// An HTTP token code point (MIME Sniffing §2): the `tchar` of RFC 9110 §5.6.2.
    package static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Whether `byte` is CR, LF or NUL, which RFC 9110 §5.5 calls invalid and dangerous in a field
    /// value.
    static func isForbiddenInFieldValue(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") || byte == 0
    }

    /// The UTF-8 offset and code point of the first control character (Unicode category Cc:
    /// U+0000 to U+001F and U+007F to U+009F) in `string`, or `nil` when there is none.
    ///
    /// Checked on bytes: the C1 controls are exactly the two-byte sequences 0xC2 0x80 to 0xC2 0x9F.
    /// (Kept over testing each scalar's `generalCategory`: that costs about 21,000 more
    /// instructions on a 20-byte access key and 40-byte secret key, nearly three times the
    /// whole `validate + authorizationField` benchmark. Invariant: `string` is valid UTF-8, as
    /// every Swift `String` is, so an 0x80...0x9F byte after 0xC2 is that code point.)
    static func firstControl(in string: String, allowingTab: Bool = false) -> (offset: Int, scalar: Unicode.Scalar)? {
        var previous: UInt8 = 0
        for (offset, byte) in string.utf8.enumerated() {
            if byte < 0x20 || byte == 0x7F {
                if !(allowingTab && byte == 0x09) { return (offset, Unicode.Scalar(byte)) }
            } else if previous == 0xC2, (0x80...0x9F).contains(byte), let scalar = Unicode.Scalar(UInt32(byte)) {
                return (offset - 1, scalar)
            }
            previous = byte
        }
        return nil
    }

    /// The offset of the first byte that is not an HTTP token code point, or `nil` when all are.
    static func firstNonToken(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        for index in range where !isToken(bytes[index]) {
            return index
        }
        return nil
    }

    /// The offset of the first code point that is not an HTTP quoted-string token code point
    /// (U+0009, U+0020 to U+007E, U+0080 to U+00FF), or `nil` when all are.
    ///
    /// The bytes are valid UTF-8, so U+0080 to U+00FF are exactly the two-byte sequences led by
    /// 0xC2 or 0xC3; any other non-ASCII lead byte starts a code point above U+00FF.
    static func firstNonQuotedStringToken(in bytes: some Collection<UInt8>) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case 0x09, 0x20...0x7E:
                offset += 1
            case 0xC2, 0xC3:
                _ = iterator.next()
                offset += 2
            default:
                return offset
            }
        }
        return nil
    }

    /// Whether every byte is an HTTP token code point and there is at least one.
    static func isToken(_ string: some StringProtocol) -> Bool {
        !string.isEmpty && string.utf8.allSatisfy(isToken)
    }

    /// ASCII lowercase of a byte; other bytes unchanged.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// ASCII lowercase of a string (Infra's "ASCII lowercase"); non-ASCII code points unchanged.
    static func lowercased(_ string: some StringProtocol) -> String {
        if !string.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
            return String(string)
        }
        return String(decoding: string.utf8.map(lowercased), as: UTF8.self)
    }
}
