/// Turns the checked bytes of a JSON string into a Swift `String` (RFC 8259 §7).
///
/// Only runs on strings the scanner has accepted, so every escape is complete and every
/// byte sequence is valid UTF-8; an unpaired surrogate can appear only when the options
/// allow it, and becomes U+FFFD.
struct StringDecoder {
    /// Room for one decoded string; never shorter than the longest body decoded so far.
    private var scratch: [UInt8] = []

    /// Decodes the string whose quotes are at `range.lowerBound` and `range.upperBound - 1`.
    mutating func decode(_ document: UnsafeRawPointer, _ range: Range<Int>, hasEscapes: Bool) -> String {
        let body = UnsafeRawBufferPointer(start: document + range.lowerBound + 1, count: range.count - 2)
        guard hasEscapes else { return Self.string(body) }
        // Every escape is longer than what it stands for, so the result fits in `body.count`.
        if scratch.count < body.count { scratch = Array(repeating: 0, count: max(body.count, 2 * scratch.count)) }
        return scratch.withUnsafeMutableBytes { output in
            Self.string(UnsafeRawBufferPointer(rebasing: output[..<Self.unescape(body, into: output)]))
        }
    }

    /// Writes the unescaped code units of `body` to `output` and returns how many there are.
    private static func unescape(_ body: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        guard let source = body.baseAddress, let target = output.baseAddress else { return 0 }
        var index = 0
        var written = 0
        let count = body.count
        @inline(__always) func put(_ byte: UInt8) {
            target.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
            written += 1
        }
        while index < count {
            let runEnd = backslash(in: body, from: index)
            (target + written).copyMemory(from: source + index, byteCount: runEnd - index)
            written += runEnd - index
            index = runEnd
            guard index < count else { break }
            let escape = body[index + 1]
            index += 2
            switch escape {
            case 0x62: put(0x08)
            case 0x66: put(0x0C)
            case 0x6E: put(0x0A)
            case 0x72: put(0x0D)
            case 0x74: put(0x09)
            case 0x75:
                var scalar = hex4(body, at: index)
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF, index + 6 <= count, body[index] == ByteClass.backslash,
                    body[index + 1] == 0x75
                {
                    let low = hex4(body, at: index + 2)
                    if low >= 0xDC00 && low <= 0xDFFF {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                for byte in UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")! { put(byte) }
            default: put(escape)  // " \ /
            }
        }
        return written
    }

    /// The index of the first backslash in `body` from `start`, or `body.count`; eight bytes a step.
    @inline(__always)
    private static func backslash(in body: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        while body.count - index >= 8 {
            let word = UInt64(littleEndian: body.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ (ones &* 0x5C)
            let hits = (word &- ones) & ~word & (ones &* 0x80)
            if hits != 0 { return index + hits.trailingZeroBitCount &>> 3 }
            index += 8
        }
        while index < body.count && body[index] != ByteClass.backslash { index += 1 }
        return index
    }

    private static func hex4(_ body: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (ByteClass.hexValue(body[index + offset]) ?? 0) }
        return value
    }

    /// A string of the valid UTF-8 in `bytes`.
    ///
    /// Strings of up to 15 bytes live inline in the `String`: filling one in place only
    /// checks for ASCII, where `String(decoding:as:)` runs the general validation first.
    /// Longer strings are copied without validating them again (see ``validated(_:)``).
    @inline(__always)
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count <= 15 else { return validated(bytes) }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            return bytes.count
        }
    }

    /// A string of `bytes`, which must be valid UTF-8, copied without a second validation.
    ///
    /// Every caller passes bytes the scanner has checked as UTF-8 (RFC 3629: no overlong
    /// forms, surrogates or code points past U+10FFFF), or unescaped output, whose escapes
    /// become valid scalars or U+FFFD. `String(decoding:as:)` would check them again and
    /// took about twice as long on strings of non-ASCII prose.
    static func validated(_ bytes: UnsafeRawBufferPointer) -> String {
        let units = bytes.assumingMemoryBound(to: UInt8.self)
        return String(copying: unsafe UTF8Span(unchecked: units.span))
    }
}
