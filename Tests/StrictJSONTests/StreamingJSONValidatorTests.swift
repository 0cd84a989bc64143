import StrictJSON
import Testing

@Suite struct StreamingJSONValidatorTests {
    static let documents: [([UInt8], JSONOptions)] =
        Corpus.valid.map { ($0, JSONOptions()) } + Corpus.invalid.map { ($0.bytes, $0.options) } + [
            (Array("{\n  \"a\": [1, 2.5e-3, \"é\\u00e9\\uD83D\\uDE00\"],\n  \"b\": nul\n}".utf8), JSONOptions()),
            ([0xEF, 0xBB, 0xBF] + Array("[true]".utf8), JSONOptions(allowByteOrderMark: true)),
            (Array(#""\uD800\uDC00\uDBFF\uDFFF""#.utf8), JSONOptions()),
            (Array(#""\uD800x""#.utf8), JSONOptions(allowUnpairedSurrogates: true)),
        ]

    @Test func splittingAtEveryPositionGivesTheOneShotResult() {
        for (bytes, options) in Self.documents where bytes.count < 2_000 {
            let oneShot = Readers.validatorError(bytes, options)
            for cut in 0...bytes.count {
                #expect(Readers.streamingError(bytes, cuts: [cut], options) == oneShot, "cut at \(cut) of \(bytes.count)")
            }
        }
    }

    @Test func oneByteChunksGiveTheOneShotResult() {
        for (bytes, options) in Self.documents {
            #expect(Readers.streamingError(bytes, cuts: Array(0...bytes.count), options) == Readers.validatorError(bytes, options))
        }
    }

    @Test func randomChunksOfGeneratedDocumentsGiveTheOneShotResult() {
        var generator = DocumentGenerator(seed: 7)
        for round in 0..<200 {
            var bytes = generator.document(depth: 4)
            if round % 2 == 1, !bytes.isEmpty {
                // Damage one byte so that the chunked error paths are exercised too.
                bytes[generator.int(below: bytes.count)] = generator.damage()
            }
            let cuts = (0..<generator.int(below: 6)).map { _ in generator.int(below: bytes.count + 1) }.sorted()
            #expect(Readers.streamingError(bytes, cuts: cuts) == Readers.validatorError(bytes), "round \(round)")
        }
    }

    @Test func bytesConsumedCountsEveryChunk() throws {
        var validator = StreamingJSONValidator()
        try validator.consume(Array("[1,".utf8))
        try validator.consume(Array(" 2]".utf8))
        #expect(validator.bytesConsumed == 6)
        #expect(validator.isComplete)
        try validator.finish()
    }

    @Test func incompleteDocumentIsNotComplete() throws {
        var validator = StreamingJSONValidator()
        try validator.consume(Array("[1".utf8))
        #expect(!validator.isComplete)
        #expect(throws: JSONError.self) { try validator.finish() }
    }

    @Test func errorsAfterAnErrorRepeatTheFirst() throws {
        var validator = StreamingJSONValidator()
        let first = #expect(throws: JSONError.self) { try validator.consume(Array("[1,]".utf8)) }
        let second = #expect(throws: JSONError.self) { try validator.consume(Array("2".utf8)) }
        #expect(first == second)
        #expect(first?.kind == .trailingComma)
    }

    @Test func errorOffsetsLinesAndColumnsAreAbsolute() throws {
        var validator = StreamingJSONValidator()
        try validator.consume(Array("[\n1,\n".utf8))
        let error = #expect(throws: JSONError.self) { try validator.consume(Array("2,\n  x]".utf8)) }
        #expect(error?.offset == 10)
        #expect(error?.line == 4)
        #expect(error?.column == 3)
    }

    @Test func nestingBombIsTooDeepAcrossChunks() throws {
        var validator = StreamingJSONValidator()
        let chunk = [UInt8](repeating: 0x5B, count: 100)
        var error: JSONError?
        for _ in 0..<100 {
            do {
                try validator.consume(chunk)
            } catch let thrown {
                error = thrown
                break
            }
        }
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == 512)
    }

    @Test func sizeLimitAppliesToTheWholeStream() throws {
        var validator = StreamingJSONValidator(options: JSONOptions(maxSize: 5))
        try validator.consume(Array("[1,".utf8))
        let error = #expect(throws: JSONError.self) { try validator.consume(Array("22]".utf8)) }
        #expect(error?.kind == .tooLarge)
        #expect(error?.offset == 5)
    }
}
