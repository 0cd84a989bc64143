/// How error messages (of media types, credentials and requests) show characters and values to
/// a person.
///
/// Messages end up in logs and terminals, so nothing is printed raw that could break a line or
/// forge a log entry: control characters and non-ASCII code points are shown as `U+XXXX`.
enum Diagnostic {
    /// A code point as a person reads it: `'a'`, `a space`, `LF (U+000A)`, `U+00FF`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00: return "NUL (U+0000)"
        case 0x09: return "TAB (U+0009)"
        case 0x0A: return "LF (U+000A)"
        case 0x0D: return "CR (U+000D)"
        case 0x20: return "a space (U+0020)"
        case 0x21...0x7E: return "'\(Character(scalar))'"
        default: return codePoint(scalar.value)
        }
    }

    /// A byte as a person reads it, using the ASCII name for control bytes.
    static func describe(byte: UInt8) -> String {
        describe(Unicode.Scalar(byte))
    }

    /// A value in double quotes, with `"`, `\`, control characters and non-ASCII code points
    /// escaped so that the message stays on one line and shows exactly what was received.
    static func quoted(_ value: some StringProtocol) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x20...0x7E: result.unicodeScalars.append(scalar)
            default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return result + "\""
    }

    /// A message to be followed by more text in another sentence: its description without a
    /// final period, so that `"\(Diagnostic.clause(error)). Send …"` ends the sentence once.
    static func clause(_ message: some CustomStringConvertible) -> String {
        var text = message.description
        while text.last == " " { text.removeLast() }
        if text.hasSuffix("."), !text.hasSuffix("..") { text.removeLast() }
        return text
    }

    /// `noun` after its indefinite article: `an application/json`, `a text/csv`,
    /// `an InferenceOutput` (by the first letter, which suits type names and media types).
    static func withArticle(_ noun: some StringProtocol) -> String {
        let vowel = noun.first.map { "aeiouAEIOU".contains($0) } ?? false
        return (vowel ? "an " : "a ") + noun
    }

    /// The code point at UTF-8 byte `offset` of `bytes`, or U+FFFD when the bytes there do not
    /// start a code point.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Unicode.Scalar {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) {
            return scalar
        }
        return "\u{FFFD}"
    }

    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
