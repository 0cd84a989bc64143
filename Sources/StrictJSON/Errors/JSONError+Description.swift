extension JSONError: CustomStringConvertible {
    /// A sentence that says where the document broke, what was expected and what was found.
    public var description: String {
        "invalid JSON at line \(line), column \(column) (byte \(offset)): \(summary)expected \(expected), found \(foundDescription)"
    }

    private var summary: String {
        switch kind {
        case .unexpectedByte, .unexpectedEnd, .unexpectedType: ""
        case .invalidUTF8: "invalid UTF-8: "
        case .invalidEscape: "invalid escape: "
        case .unpairedSurrogate: "unpaired surrogate: "
        case .leadingZero: "leading zero: "
        case .invalidNumber: "invalid number: "
        case .invalidLiteral: "invalid literal: "
        case .controlCharacterInString: "unescaped control character in a string: "
        case .trailingComma: "trailing comma: "
        case .trailingGarbage: "data after the JSON value: "
        case .tooDeep: "nested too deeply: "
        case .tooLarge: "document too large: "
        case .byteOrderMark: "byte-order mark: "
        case .duplicateKey: "duplicate key: "
        }
    }

    private var foundDescription: String {
        guard let found else { return "the end of the input" }
        switch found {
        case 0x27: return #"'\''"#
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(found)))'"
        case 0x20: return "a space"
        case 0x0A: return #"a line feed '\n'"#
        case 0x0D: return #"a carriage return '\r'"#
        case 0x09: return #"a tab '\t'"#
        default:
            let hex = String(found, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
        }
    }
}
