extension String {
    /// The text with every control character escaped, so that a file name or an argument
    /// printed as text cannot move the cursor, recolour the terminal or break a line:
    /// `\n`, `\r` and `\t`, `\xNN` for the other C0 characters and DEL, `\u{NN}` for C1.
    ///
    /// JSON output needs none of this: its serialiser escapes control characters itself.
    package var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isControlCharacter) else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            guard scalar.isControlCharacter else {
                escaped.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let padded = hex.count < 2 ? "0" + hex : hex
                escaped += scalar.value < 0x80 ? "\\x" + padded : "\\u{" + padded + "}"
            }
        }
        return escaped
    }

    /// The text with its control characters escaped except line breaks, for messages of
    /// several lines; see ``escapingControlCharacters``.
    package var escapingControlCharactersExceptNewlines: String {
        guard unicodeScalars.contains(where: { $0.isControlCharacter && $0 != "\n" }) else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).escapingControlCharacters }
            .joined(separator: "\n")
    }
}

extension Unicode.Scalar {
    /// C0 (below U+0020), DEL and C1 (U+0080 to U+009F).
    fileprivate var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
