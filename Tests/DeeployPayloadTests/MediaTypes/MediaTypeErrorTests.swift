import DeeployPayload
import Testing

@Suite("MediaTypeError")
struct MediaTypeErrorTests {
    private func error(parsing string: String) -> MediaTypeError? {
        do {
            _ = try MediaType.parse(string)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyInput() {
        #expect(error(parsing: "") == .empty)
        #expect(error(parsing: " \t\r\n") == .empty)
        #expect(MediaTypeError.empty.description.contains("empty"))
        #expect(MediaTypeError.empty.description.contains("application/json"))
    }

    @Test func emptyType() {
        #expect(error(parsing: "/json") == .emptyType(at: 0))
        #expect(error(parsing: "  /json") == .emptyType(at: 2))
        #expect(MediaTypeError.emptyType(at: 2).description.contains("no type before '/' at byte 2"))
    }

    @Test func invalidType() {
        #expect(error(parsing: "te xt/plain") == .invalidType(at: 2, found: " "))
        #expect(error(parsing: "(/)") == .invalidType(at: 0, found: "("))
        #expect(error(parsing: "\u{100}/\u{100}") == .invalidType(at: 0, found: "\u{100}"))
        #expect(error(parsing: "é/x") == .invalidType(at: 0, found: "é"))
        #expect(error(parsing: "\u{0C}text/plain") == .invalidType(at: 0, found: "\u{0C}"))
        let message = MediaTypeError.invalidType(at: 2, found: " ").description
        #expect(message.contains("a space (U+0020) at byte 2"))
        #expect(message.contains("HTTP token"))
        #expect(MediaTypeError.invalidType(at: 0, found: "\u{100}").description.contains("U+0100"))
    }

    @Test func missingSlash() {
        #expect(error(parsing: "bogus") == .missingSlash(at: 5))
        #expect(error(parsing: " json ") == .missingSlash(at: 5))
        #expect(MediaTypeError.missingSlash(at: 5).description.contains("no '/' after its type (expected at byte 5)"))
    }

    @Test func emptySubtype() {
        #expect(error(parsing: "text/") == .emptySubtype(at: 5))
        #expect(error(parsing: "text/ ") == .emptySubtype(at: 5))
        #expect(error(parsing: "text/ ;charset=x") == .emptySubtype(at: 5))
        #expect(error(parsing: "text/;charset=x") == .emptySubtype(at: 5))
        #expect(MediaTypeError.emptySubtype(at: 5).description.contains("no subtype after '/' (at byte 5)"))
    }

    @Test func invalidSubtype() {
        #expect(error(parsing: "text/pl ain") == .invalidSubtype(at: 7, found: " "))
        #expect(error(parsing: "bogus/bogus/;") == .invalidSubtype(at: 11, found: "/"))
        #expect(error(parsing: "text/html(;doesnot=matter") == .invalidSubtype(at: 9, found: "("))
        #expect(error(parsing: "text/ html") == .invalidSubtype(at: 5, found: " "))
        #expect(error(parsing: "text/plain, application/json") == .invalidSubtype(at: 10, found: ","))
        let message = MediaTypeError.invalidSubtype(at: 10, found: ",").description
        #expect(message.contains("',' at byte 10"))
        #expect(message.contains("parameters"))
    }

    @Test func forbiddenCharacterInTypeOrSubtype() {
        #expect(error(parsing: "te\u{0}xt/plain") == .forbiddenCharacter(at: 2, byte: 0x00))
        #expect(error(parsing: "te\nxt/plain") == .forbiddenCharacter(at: 2, byte: 0x0A))
        #expect(error(parsing: "text/pl\rain") == .forbiddenCharacter(at: 7, byte: 0x0D))
        let message = MediaTypeError.forbiddenCharacter(at: 7, byte: 0x0D).description
        #expect(message.contains("CR (U+000D) at byte 7"))
        #expect(message.contains("never allowed"))
    }

    @Test func codeBuiltTypeAndSubtype() {
        #expect(throws: MediaTypeError.emptyType(at: 0)) { try MediaType(type: "", subtype: "x") }
        #expect(throws: MediaTypeError.invalidType(at: 2, found: " ")) { try MediaType(type: "te xt", subtype: "x") }
        #expect(throws: MediaTypeError.emptySubtype(at: 0)) { try MediaType(type: "text", subtype: "") }
        #expect(throws: MediaTypeError.invalidSubtype(at: 4, found: ";")) {
            try MediaType(type: "text", subtype: "html;charset=x")
        }
        #expect(throws: MediaTypeError.forbiddenCharacter(at: 4, byte: 0x0A)) {
            try MediaType(type: "text", subtype: "html\n")
        }
    }

    @Test func invalidParameterName() {
        #expect(throws: MediaTypeError.invalidParameterName("")) {
            try MediaType(type: "text", subtype: "plain", parameters: ["": "x"])
        }
        #expect(throws: MediaTypeError.invalidParameterName("char set")) {
            try MediaType(type: "text", subtype: "plain", parameters: ["char set": "x"])
        }
        let message = MediaTypeError.invalidParameterName("char set").description
        #expect(message.contains(#""char set" is not valid"#))
        #expect(message.contains("HTTP token"))
    }

    @Test func invalidParameterValue() {
        #expect(throws: MediaTypeError.invalidParameterValue(name: "charset", at: 2, found: "\u{100}")) {
            try MediaType(type: "text", subtype: "plain", parameters: ["charset": "ü\u{100}"])
        }
        #expect(throws: MediaTypeError.invalidParameterValue(name: "charset", at: 1, found: "\n")) {
            try MediaType.textPlain.with(charset: "x\ny")
        }
        let message = MediaTypeError.invalidParameterValue(name: "charset", at: 1, found: "\n").description
        #expect(message.contains("LF (U+000A) at byte 1"))
        #expect(message.contains("U+0020 to U+007E"))
    }

    @Test func duplicateParameter() {
        #expect(throws: MediaTypeError.duplicateParameter("a")) {
            try MediaType(type: "text", subtype: "plain", parameters: ["a": "1", "A": "2"])
        }
        #expect(MediaTypeError.duplicateParameter("a").description.contains("more than once"))
    }
}
