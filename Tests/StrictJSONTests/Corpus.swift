import StrictJSON

/// Documents with known verdicts, shared by the validator, streaming, parser and spans suites.
enum Corpus {
    /// Bytes of `text` with `\u{XX}`-free escapes: use `bytes` for raw non-UTF-8 input.
    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let valid: [[UInt8]] = [
        "42", "-0", "0", "-0.0", "1E400", "1e-400", "-1E-0", "0e0", "1.5e+10", "2E-3",
        "123456789012345678901234567890", "1E400000000000000000000", "-9223372036854775808",
        #""x""#, #""""#, "null", "true", "false", " \t\n\r[ ] \n", "[]", "{}", "[1,2,3]",
        #"{"a":{"b":[null,true,false]}}"#, #"{"a":1,"a":2}"#, "[[[[]]]]",
        #""\u00e9\uD83D\uDE00\n\t\\\/\"\b\f\r""#, #""\u0000""#, #""\uDBFF\uDFFF""#, #""\uFFFF""#,
        "\"é 😀 中 \u{7F} \u{2028}\"", "\"\u{10FFFF}\"", "\"\u{FFFF}\"", "[-1.5e-300, 0.0, 1e0, -0E+1]",
        #"{"instances": [[1.0, 2.0], [3.0, 4.0]], "parameters": {"threshold": 0.5}}"#,
        "{ \"k\" : \"v\" , \"l\" : [ 1 , { } ] }", "[true,false,null,\"\",0]", "  7  ",
        #"["a\"b","c\\","\/"]"#, #"{"":""}"#,
    ].map(utf8)

    /// An invalid document, the error kind it must give and the byte offset of that error.
    struct Invalid: CustomStringConvertible, Sendable {
        var bytes: [UInt8]
        var kind: JSONError.Kind
        var offset: Int
        var options = JSONOptions()

        init(_ text: String, _ kind: JSONError.Kind, _ offset: Int, options: JSONOptions = JSONOptions()) {
            self.init(bytes: Array(text.utf8), kind, offset, options: options)
        }

        init(bytes: [UInt8], _ kind: JSONError.Kind, _ offset: Int, options: JSONOptions = JSONOptions()) {
            self.bytes = bytes
            self.kind = kind
            self.offset = offset
            self.options = options
        }

        var description: String { "\(String(decoding: bytes.prefix(40), as: UTF8.self)) → \(kind)@\(offset)" }
    }

    static let quote: UInt8 = 0x22

    static let invalid: [Invalid] = [
        Invalid("", .unexpectedEnd, 0),
        Invalid("   ", .unexpectedEnd, 3),
        Invalid("01", .leadingZero, 1),
        Invalid("-01", .leadingZero, 2),
        Invalid("00", .leadingZero, 1),
        Invalid("[-00]", .leadingZero, 3),
        Invalid("-", .unexpectedEnd, 1),
        Invalid("-a", .invalidNumber, 1),
        Invalid("1.", .unexpectedEnd, 2),
        Invalid("[1.]", .invalidNumber, 3),
        Invalid("1.e5", .invalidNumber, 2),
        Invalid("1e", .unexpectedEnd, 2),
        Invalid("1e+", .unexpectedEnd, 3),
        Invalid("1e+x", .invalidNumber, 3),
        Invalid("1.2.3", .trailingGarbage, 3),
        Invalid(".5", .unexpectedByte, 0),
        Invalid("+1", .unexpectedByte, 0),
        Invalid("NaN", .unexpectedByte, 0),
        Invalid("Infinity", .unexpectedByte, 0),
        Invalid("-Infinity", .invalidNumber, 1),
        Invalid("[0x10]", .unexpectedByte, 2),
        Invalid("nan", .invalidLiteral, 1),
        Invalid("tru", .unexpectedEnd, 3),
        Invalid("trux", .invalidLiteral, 3),
        Invalid("truex", .trailingGarbage, 4),
        Invalid("[True]", .unexpectedByte, 1),
        Invalid("nul", .unexpectedEnd, 3),
        Invalid("[nulll]", .unexpectedByte, 5),
        Invalid("[1,]", .trailingComma, 3),
        Invalid("{\"a\":1,}", .trailingComma, 7),
        Invalid("[1 2]", .unexpectedByte, 3),
        Invalid("[,1]", .unexpectedByte, 1),
        Invalid("[1,,2]", .unexpectedByte, 3),
        Invalid("{,}", .unexpectedByte, 1),
        Invalid("{\"a\" 1}", .unexpectedByte, 5),
        Invalid("{\"a\"}", .unexpectedByte, 4),
        Invalid("{\"a\":}", .unexpectedByte, 5),
        Invalid("{\"a\":1 \"b\":2}", .unexpectedByte, 7),
        Invalid("{a:1}", .unexpectedByte, 1),
        Invalid("{'a':1}", .unexpectedByte, 1),
        Invalid("['a']", .unexpectedByte, 1),
        Invalid("{1:2}", .unexpectedByte, 1),
        Invalid("[1]x", .trailingGarbage, 3),
        Invalid("1 2", .trailingGarbage, 2),
        Invalid("{} {}", .trailingGarbage, 3),
        Invalid("[1}", .unexpectedByte, 2),
        Invalid("{\"a\":1]", .unexpectedByte, 6),
        Invalid("]", .unexpectedByte, 0),
        Invalid("[", .unexpectedEnd, 1),
        Invalid("[1", .unexpectedEnd, 2),
        Invalid("{\"a\":", .unexpectedEnd, 5),
        Invalid("\"abc", .unexpectedEnd, 4),
        Invalid("/* c */ 1", .unexpectedByte, 0),
        Invalid("[1] // c", .trailingGarbage, 4),
        Invalid(#""\x""#, .invalidEscape, 2),
        Invalid(#""\U0041""#, .invalidEscape, 2),
        Invalid(#""\'""#, .invalidEscape, 2),
        Invalid(#""\u12""#, .invalidEscape, 5),
        Invalid(#""\u12G4""#, .invalidEscape, 5),
        Invalid(#""\"#, .unexpectedEnd, 2),
        Invalid(#""\uD800""#, .unpairedSurrogate, 7),
        Invalid(#""\uDC00""#, .unpairedSurrogate, 1),
        Invalid(#""a\uDFFFb""#, .unpairedSurrogate, 2),
        Invalid(#""\uD800\u0041""#, .unpairedSurrogate, 7),
        Invalid(#""\uD800\uD800""#, .unpairedSurrogate, 7),
        Invalid(#""\uD800\n""#, .unpairedSurrogate, 8),
        Invalid(#""\uD800x""#, .unpairedSurrogate, 7),
        Invalid(#""\uD800"#, .unexpectedEnd, 7),
        Invalid("\"a\tb\"", .controlCharacterInString, 2),
        Invalid("\"a\nb\"", .controlCharacterInString, 2),
        Invalid(bytes: [quote, 0x00, quote], .controlCharacterInString, 1),
        Invalid(bytes: [quote, 0x1F, quote], .controlCharacterInString, 1),
        Invalid(bytes: [quote, 0xC0, 0x80, quote], .invalidUTF8, 1),
        Invalid(bytes: [quote, 0xC1, 0xBF, quote], .invalidUTF8, 1),
        Invalid(bytes: [quote, 0xE0, 0x80, 0x80, quote], .invalidUTF8, 2),
        Invalid(bytes: [quote, 0xE0, 0x9F, 0xBF, quote], .invalidUTF8, 2),
        Invalid(bytes: [quote, 0xED, 0xA0, 0x80, quote], .invalidUTF8, 2),
        Invalid(bytes: [quote, 0xF0, 0x80, 0x80, 0x80, quote], .invalidUTF8, 2),
        Invalid(bytes: [quote, 0xF0, 0x8F, 0xBF, 0xBF, quote], .invalidUTF8, 2),
        Invalid(bytes: [quote, 0xF4, 0x90, 0x80, 0x80, quote], .invalidUTF8, 2),
        Invalid(bytes: [quote, 0xF5, 0x80, 0x80, 0x80, quote], .invalidUTF8, 1),
        Invalid(bytes: [quote, 0x80, quote], .invalidUTF8, 1),
        Invalid(bytes: [quote, 0xBF, quote], .invalidUTF8, 1),
        Invalid(bytes: [quote, 0xC3, quote], .invalidUTF8, 2),
        Invalid(bytes: [quote, 0xE2, 0x82, quote], .invalidUTF8, 3),
        Invalid(bytes: [quote, 0xFF, quote], .invalidUTF8, 1),
        Invalid(bytes: [quote, 0xFE, quote], .invalidUTF8, 1),
        Invalid(bytes: [quote, 0x61, 0xC3], .unexpectedEnd, 3),
        Invalid(bytes: [0x5B, 0xC3, 0xA9, 0x5D], .unexpectedByte, 1),
        Invalid(bytes: [0xEF, 0xBB, 0xBF, 0x31], .byteOrderMark, 0),
        Invalid(bytes: [0xEF, 0xBB, 0x31], .unexpectedByte, 0),
        Invalid(bytes: [0xEF], .unexpectedByte, 0),
        Invalid(bytes: [0xEF, 0xBB, 0xBF], .unexpectedEnd, 3, options: JSONOptions(allowByteOrderMark: true)),
        Invalid(bytes: [0x20, 0xEF, 0xBB, 0xBF, 0x31], .unexpectedByte, 1, options: JSONOptions(allowByteOrderMark: true)),
        Invalid(bytes: [0xFE, 0xFF, 0x00, 0x31], .unexpectedByte, 0),
        Invalid(String(repeating: "[", count: 513) + String(repeating: "]", count: 513), .tooDeep, 512),
        Invalid(String(repeating: "{\"a\":", count: 513), .tooDeep, 512 * 5),
        Invalid("[[1]]", .tooDeep, 1, options: JSONOptions(maxDepth: 1)),
        Invalid("[]", .tooDeep, 0, options: JSONOptions(maxDepth: 0)),
        Invalid("[1,2]", .tooLarge, 3, options: JSONOptions(maxSize: 3)),
        Invalid("[1,x]", .unexpectedByte, 3, options: JSONOptions(maxSize: 4)),
        Invalid("[x,1]", .unexpectedByte, 1, options: JSONOptions(maxSize: 3)),
    ]
}
