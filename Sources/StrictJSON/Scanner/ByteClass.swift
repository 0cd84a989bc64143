/// Byte tests for the scanner's hot loops, written as arithmetic so they need no table loads.
enum ByteClass {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C

    /// Space, tab, line feed or carriage return (RFC 8259 §2).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        // Bits 9, 10, 13 and 32 of the mask are the four whitespace bytes.
        byte <= 0x20 && (UInt64(0x1_0000_2600) &>> UInt64(byte)) & 1 != 0
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Whether `byte` is `"`, `,`, `[`, `]`, `{` or `}`: the bytes that change a key scan's state.
    @inline(__always)
    static func isStructuralOrQuote(_ byte: UInt8) -> Bool {
        let bits: UInt64 = byte < 64 ? 1 << 0x22 | 1 << 0x2C : byte < 128 ? 1 << (0x5B - 64) | 1 << (0x5D - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64) : 0
        return bits >> (byte & 63) & 1 != 0
    }

    /// `"`, `\`, a control byte or a non-ASCII byte: where a string's fast scan must stop.
    @inline(__always)
    static func endsStringRun(_ byte: UInt8) -> Bool {
        byte == quote || byte == backslash || byte < 0x20 || byte >= 0x80
    }

    /// A mask whose lowest set bit is in the first byte of `word` (little-endian) that
    /// ``endsStringRun(_:)``, or zero if none does.
    ///
    /// Each term is exact for its lowest match; borrows only create false hits above a
    /// true one, so the lowest bit of the union is always a true hit.
    @inline(__always)
    static func stringRunEndMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quoteHits = (quotes &- ones) & ~quotes
        let backslashHits = (backslashes &- ones) & ~backslashes
        let controlHits = (word &- ones &* 0x20) & ~word
        return (quoteHits | backslashHits | controlHits | word) & (ones &* 0x80)
    }

    /// A mask whose lowest set bit is in the first byte of `word` (little-endian) that is
    /// not an ASCII digit, or zero if all eight are digits.
    ///
    /// A byte is a digit when its high nibble is 3 both as is and after adding 6 (which
    /// carries out of the low nibble exactly for A–F). A carry out of a byte only happens
    /// for bytes 0xFA and up, which are already misses, so it cannot hide a lower miss.
    @inline(__always)
    static func nonDigitMask(_ word: UInt64) -> UInt64 {
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let threes: UInt64 = 0x3030_3030_3030_3030
        let asIs = (word & highNibbles) ^ threes
        let plusSix = ((word &+ 0x0606_0606_0606_0606) & highNibbles) ^ threes
        return asIs | plusSix
    }

    /// Bit 7 of each byte of `word` that is not an ASCII digit, and no other bits.
    ///
    /// Unlike ``nonDigitMask(_:)`` every byte up to the first non-ASCII one is exact, so
    /// clearing the lowest bit leaves the second miss: a byte is a digit when it is below
    /// 10 after `^ 0x30`, and adding 0x76 sets bit 7 exactly when it is not. Only a
    /// non-ASCII byte, itself a miss, can carry into the byte above it.
    @inline(__always)
    static func nonDigitBits(_ word: UInt64) -> UInt64 {
        let offsets = word ^ 0x3030_3030_3030_3030
        return ((offsets &+ 0x7676_7676_7676_7676) | offsets) & 0x8080_8080_8080_8080
    }

    /// One bit per byte of `word`, whose bytes are each 0x00 or 0xFF: byte i (little-endian)
    /// to bit i, as `pmovmskb` does for one word.
    ///
    /// Masking leaves at most bit i of byte i; the multiply adds every byte into the top
    /// byte, where those bits cannot collide or carry.
    @inline(__always)
    static func laneBits(_ word: UInt64) -> UInt64 {
        ((word & 0x8040_2010_0804_0201) &* 0x0101_0101_0101_0101) &>> 56
    }

    /// The value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte &- 0x30)
        case 0x41...0x46: UInt32(byte &- 0x37)
        case 0x61...0x66: UInt32(byte &- 0x57)
        default: nil
        }
    }

    /// For a UTF-8 lead byte: how many continuation bytes follow and the range allowed for
    /// the first of them (RFC 3629 §4), which is what excludes overlong forms, surrogates
    /// and code points above U+10FFFF. `nil` for bytes that cannot lead a sequence.
    @inline(__always)
    static func utf8Lead(_ byte: UInt8) -> (count: UInt8, lower: UInt8, upper: UInt8)? {
        switch byte {
        case 0xC2...0xDF: (1, 0x80, 0xBF)
        case 0xE0: (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80, 0xBF)
        case 0xED: (2, 0x80, 0x9F)
        case 0xF0: (3, 0x90, 0xBF)
        case 0xF1...0xF3: (3, 0x80, 0xBF)
        case 0xF4: (3, 0x80, 0x8F)
        default: nil
        }
    }
}
