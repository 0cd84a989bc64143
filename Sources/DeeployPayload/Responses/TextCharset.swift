/// The charsets a text body can be read in, with a strict check of the bytes.
///
/// A byte-order mark decides over the declared label, as the WHATWG Encoding standard's
/// "decode" does; without one, the label decides, and no label means UTF-8.
enum TextCharset: String, Sendable, Hashable {
    case utf8 = "utf-8"
    case ascii = "us-ascii"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case latin1 = "iso-8859-1"

    /// The charset a label names, or `nil` for one this package cannot check.
    init?(label: String) {
        switch label.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us": self = .ascii
        // The WHATWG standard reads a bare "utf-16" label as little-endian.
        case "utf-16", "utf-16le": self = .utf16LittleEndian
        case "utf-16be": self = .utf16BigEndian
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1": self = .latin1
        default: return nil
        }
    }

    /// The text of `bytes` labelled `label`, or `nil` when the label names a charset that cannot
    /// be checked or the bytes are not valid in the charset in force.
    static func decode(_ bytes: [UInt8], label: String?) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return TextCharset.utf8.decode(bytes[3...]) }
        if bytes.starts(with: [0xFE, 0xFF]) { return TextCharset.utf16BigEndian.decode(bytes[2...]) }
        if bytes.starts(with: [0xFF, 0xFE]) { return TextCharset.utf16LittleEndian.decode(bytes[2...]) }
        guard let charset = label.map(TextCharset.init(label:)) ?? .utf8 else { return nil }
        return charset.decode(bytes[...])
    }

    /// The text of `bytes` (without a byte-order mark), or `nil` when they are not valid here.
    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .ascii:
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            // Every byte is a character: ISO-8859-1 is the first 256 code points.
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return String(scalars)
        case .utf16LittleEndian, .utf16BigEndian:
            guard bytes.count.isMultiple(of: 2) else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let first = UInt16(bytes[index])
                let second = UInt16(bytes[index + 1])
                units.append(self == .utf16LittleEndian ? first | second << 8 : first << 8 | second)
                index += 2
            }
            return String(validating: units, as: UTF16.self)
        }
    }
}
