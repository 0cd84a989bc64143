/// A declared text charset, as far as the policy can check it.
struct Charset {
    enum Family { case utf8, ascii, utf16(TextEvidence.ByteOrderMark?), singleByte, unchecked }

    let name: String
    let family: Family

    /// The declared charset label, or UTF-8 when none was declared.
    init(_ label: String?) {
        let name = (label ?? "utf-8").lowercased()
        self.name = name
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8": family = .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us": family = .ascii
        case "utf-16": family = .utf16(nil)
        case "utf-16le": family = .utf16(.utf16LittleEndian)
        case "utf-16be": family = .utf16(.utf16BigEndian)
        default:
            family = name.hasPrefix("iso-8859") || name.hasPrefix("windows-125") || name == "latin1" || name == "iso8859-1"
                ? .singleByte : .unchecked
        }
    }

    /// Why the bytes are not text in this charset, or nil when they are (or cannot be checked).
    func problem(with text: TextEvidence) -> String? {
        switch family {
        case .utf8:
            if text.isUTF16Text { return "the bytes are UTF-16 (they start with a UTF-16 byte-order mark)" }
            if let offset = text.firstInvalidUTF8 { return "the bytes stop being valid UTF-8 at byte \(offset)" }
            return nil
        case .ascii:
            if text.isUTF16Text { return "the bytes are UTF-16" }
            if !text.isASCII { return "the bytes include non-ASCII characters" + (text.firstInvalidUTF8 == nil ? " (they are valid UTF-8: declare charset=utf-8)" : "") }
            return nil
        case .utf16(let mark):
            guard let found = text.byteOrderMark, found != .utf8 else {
                return "the bytes have no UTF-16 byte-order mark, so they cannot be checked as UTF-16"
            }
            if let mark, mark != found { return "the byte-order mark says \(found.rawValue)" }
            if text.isValidUTF16 != true { return "the bytes are not well-formed UTF-16 (odd length or unpaired surrogates)" }
            return nil
        case .singleByte, .unchecked:
            if text.isUTF16Text { return "the bytes are UTF-16" }
            return nil
        }
    }
}
