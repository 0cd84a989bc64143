/// Turns the checked bytes of a JSON string into a Swift `String` (RFC 8259 §7).
///
/// Only runs on strings the scanner has accepted, so every escape is complete and every
/// byte sequence is valid UTF-8; an unpaired surrogate can appear only when the options
/// allow it, and becomes U+FFFD.
struct StringDecoder {
    private var scratch: [UInt8] = []

    /// Decodes the string whose quotes are at `range.lowerBound` and `range.upperBound - 1`.
    mutating func decode(_ document: UnsafeRawPointer, _ range: Range<Int>, hasEscapes: Bool) -> String {
        let body = UnsafeRawBufferPointer(start: document + range.lowerBound + 1, count: range.count - 2)
        guard hasEscapes else { return Self.string(body) }
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        let count = body.count
        while index < count {
            let byte = body[index]
            guard byte == ByteClass.backslash else {
                var runEnd = index + 1
                while runEnd < count && body[runEnd] != ByteClass.backslash { runEnd += 1 }
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: body[index..<runEnd]))
                index = runEnd
                continue
            }
            let escape = body[index + 1]
            index += 2
            switch escape {
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                var scalar = Self.hex4(body, at: index)
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF, index + 6 <= count, body[index] == ByteClass.backslash,
                    body[index + 1] == 0x75
                {
                    let low = Self.hex4(body, at: index + 2)
                    if low >= 0xDC00 && low <= 0xDFFF {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                appendScalar(Unicode.Scalar(scalar) ?? "\u{FFFD}")
            default: scratch.append(escape)  // " \ /
            }
        }
        return scratch.withUnsafeBytes { Self.string($0) }
    }

    /// A string of the valid UTF-8 in `bytes`.
    ///
    /// Strings of up to 15 bytes live inline in the `String`: filling one in place only
    /// checks for ASCII, where `String(decoding:as:)` runs the general validation first.
    /// Longer strings are built faster by `String(decoding:as:)` (measured on numbers).
    @inline(__always)
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count <= 15 else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            return bytes.count
        }
    }

    private static func hex4(_ body: UnsafeRawBufferPointer, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (ByteClass.hexValue(body[index + offset]) ?? 0) }
        return value
    }

    private mutating func appendScalar(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            scratch.append(UInt8(value))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | value >> 6))
            scratch.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | value >> 12))
            scratch.append(UInt8(0x80 | (value >> 6) & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | value >> 18))
            scratch.append(UInt8(0x80 | (value >> 12) & 0x3F))
            scratch.append(UInt8(0x80 | (value >> 6) & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
