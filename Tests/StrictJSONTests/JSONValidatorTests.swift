import StrictJSON
import Testing

@Suite struct JSONValidatorTests {
    @Test(arguments: Corpus.valid)
    func acceptsValidDocuments(_ bytes: [UInt8]) throws {
        try JSONValidator.validate(bytes)
        #expect(JSONValidator.isValid(bytes))
    }

    @Test(arguments: Corpus.invalid)
    func rejectsWithKindAndOffset(_ invalid: Corpus.Invalid) {
        let error = Readers.validatorError(invalid.bytes, invalid.options)
        #expect(error?.kind == invalid.kind)
        #expect(error?.offset == invalid.offset)
        #expect(!JSONValidator.isValid(invalid.bytes, options: invalid.options))
    }

    @Test(arguments: Corpus.invalid)
    func errorsFoundByteIsTheByteAtTheOffset(_ invalid: Corpus.Invalid) throws {
        let error = try #require(Readers.validatorError(invalid.bytes, invalid.options))
        let expectedFound: UInt8? = error.offset < invalid.bytes.count ? invalid.bytes[error.offset] : nil
        #expect(error.found == expectedFound)
        #expect(!error.expected.isEmpty)
    }

    @Test func unsafeBufferOverloadAgreesWithArray() {
        for document in Corpus.valid {
            #expect(document.withUnsafeBytes { JSONValidator.isValid($0) })
        }
        for invalid in Corpus.invalid {
            let error = invalid.bytes.withUnsafeBytes { buffer -> JSONError? in
                do throws(JSONError) {
                    try JSONValidator.validate(buffer, options: invalid.options)
                    return nil
                } catch {
                    return error
                }
            }
            #expect(error == Readers.validatorError(invalid.bytes, invalid.options))
        }
    }

    @Test func byteOrderMarkIsSkippedOnlyWhenAllowed() {
        let document: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)
        #expect(!JSONValidator.isValid(document))
        #expect(JSONValidator.isValid(document, options: JSONOptions(allowByteOrderMark: true)))
        #expect(Readers.validatorError(document)?.kind == .byteOrderMark)
    }

    @Test func unpairedSurrogatesAreAcceptedOnlyWhenAllowed() {
        let lenient = JSONOptions(allowUnpairedSurrogates: true)
        for text in [#""\uD800""#, #""\uDC00""#, #""\uD800\u0041""#, #""\uD800x""#, #""\uDFFF\uD800""#] {
            #expect(!JSONValidator.isValid(Array(text.utf8)))
            #expect(JSONValidator.isValid(Array(text.utf8), options: lenient))
        }
    }

    @Test func nestingBombOf100000IsTooDeep() {
        let bomb = [UInt8](repeating: 0x5B, count: 100_000)
        let error = Readers.validatorError(bomb)
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == 512)
    }

    @Test func nestingBombOf10MillionIsTooDeep() {
        let bomb = [UInt8](repeating: 0x5B, count: 10_000_000)
        let error = Readers.validatorError(bomb)
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == 512)
    }

    @Test func deepDocumentsWithinARaisedLimitAreValid() {
        let depth = 100_000
        let document = [UInt8](repeating: 0x5B, count: depth) + [UInt8](repeating: 0x5D, count: depth)
        #expect(JSONValidator.isValid(document, options: JSONOptions(maxDepth: depth)))
        #expect(Readers.validatorError(document, JSONOptions(maxDepth: depth - 1))?.offset == depth - 1)
    }

    @Test func depthCountsBothArraysAndObjects() {
        let document = Array(#"{"a":[{"b":[1]}]}"#.utf8)
        #expect(JSONValidator.isValid(document, options: JSONOptions(maxDepth: 4)))
        #expect(Readers.validatorError(document, JSONOptions(maxDepth: 3))?.kind == .tooDeep)
    }

    @Test func sizeLimitCountsBytes() {
        let document = Array("[1,2]".utf8)
        #expect(JSONValidator.isValid(document, options: JSONOptions(maxSize: 5)))
        #expect(JSONValidator.isValid(document, options: JSONOptions(maxSize: nil)))
        #expect(Readers.validatorError(document, JSONOptions(maxSize: 4))?.kind == .tooLarge)
    }

    @Test func stringsLongerThanTheFastScanAreChecked() {
        let long = String(repeating: "abcdefgh", count: 20)
        #expect(JSONValidator.isValid(Array("\"\(long)\"".utf8)))
        for position in [0, 7, 8, 9, 63, 150] {
            var bytes = Array("\"\(long)\"".utf8)
            bytes[position + 1] = 0x01
            #expect(Readers.validatorError(bytes)?.offset == position + 1)
            #expect(Readers.validatorError(bytes)?.kind == .controlCharacterInString)
        }
    }

    @Test func everyControlByteInAStringIsRejected() {
        for byte in UInt8(0)..<0x20 {
            #expect(Readers.validatorError([0x22, byte, 0x22])?.kind == .controlCharacterInString)
        }
        #expect(JSONValidator.isValid([0x22, 0x7F, 0x22]))
    }

    @Test func everyShortEscapeIsAccepted() {
        for escape in #""\/bfnrt"#.utf8 {
            #expect(JSONValidator.isValid([0x22, 0x5C, escape, 0x22]))
        }
    }
}
