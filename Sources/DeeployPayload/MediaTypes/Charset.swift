/// A `charset` label and the encoding it names: the one table of charset labels, used both to
/// check declared text before it is sent and to read text that came back.
///
/// Labels compare ignoring case; no label means UTF-8. A label the table does not list is kept
/// by name but cannot be checked or read.
struct Charset {
    /// The encodings this package can check and read.
    enum Encoding: Sendable, Hashable {
        case utf8
        case ascii
        /// UTF-16 without a byte order in the label: the byte-order mark says which one.
        case utf16
        case utf16LittleEndian
        case utf16BigEndian
        case latin1
    }

    /// The label in lowercase, such as `utf-8`.
    let name: String
    /// The encoding the label names, or nil for a label not in the table.
    let encoding: Encoding?

    /// The charset labelled `label`, or UTF-8 when there is no label.
    init(_ label: String?) {
        name = (label ?? "utf-8").lowercased()
        encoding = switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us": .ascii
        case "utf-16": .utf16
        case "utf-16le": .utf16LittleEndian
        case "utf-16be": .utf16BigEndian
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1": .latin1
        default: nil
        }
    }

    // MARK: Checking declared text

    /// Why the bytes are not text in this charset, or nil when they are (or cannot be checked).
    ///
    /// Latin-1 and labels outside the table are only checked for not being UTF-16: any byte
    /// sequence is valid in a single-byte charset.
    func problem(with text: TextEvidence) -> String? {
        switch encoding {
        case .utf8:
            if text.isUTF16Text { return "the bytes are UTF-16 (they start with a UTF-16 byte-order mark)" }
            if let offset = text.firstInvalidUTF8 { return "the bytes stop being valid UTF-8 at byte \(offset)" }
            return nil
        case .ascii:
            if text.isUTF16Text { return "the bytes are UTF-16" }
            if !text.isASCII { return "the bytes include non-ASCII characters" + (text.firstInvalidUTF8 == nil ? " (they are valid UTF-8: declare charset=utf-8)" : "") }
            return nil
        case .utf16, .utf16LittleEndian, .utf16BigEndian:
            guard let found = text.byteOrderMark, found != .utf8 else {
                return "the bytes have no UTF-16 byte-order mark, so they cannot be checked as UTF-16"
            }
            let labelled: TextEvidence.ByteOrderMark? = switch encoding {
            case .utf16LittleEndian: .utf16LittleEndian
            case .utf16BigEndian: .utf16BigEndian
            default: nil
            }
            if let labelled, labelled != found { return "the byte-order mark says \(found.rawValue)" }
            if text.isValidUTF16 != true { return "the bytes are not well-formed UTF-16 (odd length or unpaired surrogates)" }
            return nil
        case .latin1, nil:
            if text.isUTF16Text { return "the bytes are UTF-16" }
            return nil
        }
    }

    // MARK: Reading text

    /// The text of `bytes` labelled `label`, or `nil` when the label names a charset that cannot
    /// be read or the bytes are not valid in the charset in force.
    ///
    /// A byte-order mark decides over the label, as the WHATWG Encoding standard's "decode"
    /// does; without one, the label decides, and no label means UTF-8.
    static func decode(_ bytes: [UInt8], label: String?) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return decode(bytes[3...], as: .utf8) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decode(bytes[2...], as: .utf16BigEndian) }
        if bytes.starts(with: [0xFF, 0xFE]) { return decode(bytes[2...], as: .utf16LittleEndian) }
        guard let encoding = Charset(label).encoding else { return nil }
        return decode(bytes[...], as: encoding)
    }

    /// The text of `bytes` (without a byte-order mark), or `nil` when they are not valid in
    /// `encoding`.
    private static func decode(_ bytes: ArraySlice<UInt8>, as encoding: Encoding) -> String? {
        switch encoding {
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
        case .utf16, .utf16LittleEndian, .utf16BigEndian:
            // The WHATWG standard reads a bare "utf-16" label as little-endian.
            let bigEndian = encoding == .utf16BigEndian
            guard bytes.count.isMultiple(of: 2) else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let first = UInt16(bytes[index])
                let second = UInt16(bytes[index + 1])
                units.append(bigEndian ? first << 8 | second : first | second << 8)
                index += 2
            }
            return String(validating: units, as: UTF16.self)
        }
    }
}
