import StrictJSON
import Testing

@Suite struct JSONErrorTests {
    private func failure(_ text: String, _ options: JSONOptions = .init()) -> JSONError? {
        Readers.validatorError(Array(text.utf8), options)
    }

    @Test func descriptionSaysWhereWhatWasExpectedAndWhatWasFound() throws {
        let error = try #require(failure("{\"a\": 1,\n \"b\": 2\n  x}"))
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.offset == 19)
        #expect(error.description == "invalid JSON at line 3, column 3 (byte 19): expected ',' or '}' after an object member, found 'x'")
    }

    @Test func descriptionNamesTheRuleThatWasBroken() {
        #expect(failure("[1,]")?.description == "invalid JSON at line 1, column 4 (byte 3): trailing comma: expected a value after ',', found ']'")
        #expect(failure("01")?.description == "invalid JSON at line 1, column 2 (byte 1): leading zero: expected '.', 'e' or the end of the number after a leading '0', found '1'")
        #expect(failure("[1] x")?.description == "invalid JSON at line 1, column 5 (byte 4): data after the JSON value: expected the end of the input after the top-level value, found 'x'")
        #expect(failure(#""\q""#)?.description.contains(#"invalid escape: expected an escape character: \", \\, \/, \b, \f, \n, \r, \t or \uXXXX, found 'q'"#) == true)
        #expect(failure("[[1]]", JSONOptions(maxDepth: 1))?.description == "invalid JSON at line 1, column 2 (byte 1): nested too deeply: expected at most 1 levels of nested arrays and objects, found '['")
        #expect(failure("[1,2]", JSONOptions(maxSize: 2))?.description == "invalid JSON at line 1, column 3 (byte 2): document too large: expected at most 2 bytes in the document, found ','")
    }

    @Test func descriptionNamesTheEndOfInput() {
        #expect(failure("[1,")?.description == "invalid JSON at line 1, column 4 (byte 3): expected a value after ',', found the end of the input")
        #expect(failure("")?.description.hasSuffix("expected a JSON value (object, array, string, number, true, false or null), found the end of the input") == true)
    }

    @Test func descriptionShowsUnprintableBytesInHex() {
        #expect(Readers.validatorError([0x22, 0xC0, 0x80, 0x22])?.description
            == "invalid JSON at line 1, column 2 (byte 1): invalid UTF-8: expected a byte that starts a UTF-8 sequence (0xC2–0xF4), found byte 0xC0")
        #expect(Readers.validatorError([0x22, 0x0A, 0x22])?.description.hasSuffix(#"found a line feed '\n'"#) == true)
        #expect(Readers.validatorError([0x22, 0x01, 0x22])?.description.hasSuffix("found byte 0x01") == true)
        #expect(Readers.validatorError([0xEF, 0xBB, 0xBF, 0x31])?.description.contains("byte-order mark: expected a JSON value without a UTF-8 byte-order mark (set allowByteOrderMark to skip it)") == true)
    }

    @Test func surrogateErrorsPointAtTheEscape() throws {
        let lone = try #require(failure(#"["ok","\uDC00"]"#))
        #expect(lone.kind == .unpairedSurrogate)
        #expect(lone.offset == 7)
        #expect(lone.description.contains(#"unpaired surrogate: expected an escape other than a lone low surrogate"#))
        let unfinished = try #require(failure(#""\uD83Dx""#))
        #expect(unfinished.description.hasSuffix(#"expected a \uDC00–\uDFFF escape completing the surrogate pair, found 'x'"#))
    }

    @Test func columnsCountBytesFromTheLineStart() throws {
        let error = try #require(failure("[\n\"é\", x]"))
        #expect(error.line == 2)
        #expect(error.column == 7)
    }

    @Test func everyKindIsDistinct() {
        #expect(Set(JSONError.Kind.allCases.map(\.rawValue)).count == JSONError.Kind.allCases.count)
    }
}
