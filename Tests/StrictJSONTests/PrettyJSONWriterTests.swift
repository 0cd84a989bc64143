import StrictJSON
import Testing

/// `PrettyJSONWriter`, the tokenizer that lays out JSON validated earlier in the same run,
/// writes what the validating ``JSONSerializer/reformat(_:indent:options:)`` writes, byte for
/// byte, whole or in pieces; and on bytes that were never validated it still ends, keeping
/// every token byte in order.
@Suite struct PrettyJSONWriterTests {
    /// The writer's output for `range` of `bytes` (all of it by default), in chunks of `chunkSize`.
    static func written(
        _ bytes: [UInt8], range: Range<Int>? = nil, indent: Int = 0, chunkSize: Int = 1 << 16, largest: inout Int
    ) -> [UInt8] {
        var output: [UInt8] = []
        var largestChunk = 0
        bytes.withUnsafeBytes { document in
            PrettyJSONWriter.withWriter(chunkSize: chunkSize, to: { chunk in
                output.append(contentsOf: chunk)
                largestChunk = max(largestChunk, chunk.count)
            }) { writer in
                var layout = PrettyJSONWriter.Layout()
                writer.reformat(validated: document, range: range ?? 0..<document.count, indent: indent, layout: &layout)
            }
        }
        largest = largestChunk
        return output
    }

    static func written(_ bytes: [UInt8], indent: Int = 0, chunkSize: Int = 1 << 16) -> [UInt8] {
        var largest = 0
        return written(bytes, indent: indent, chunkSize: chunkSize, largest: &largest)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func generatedDocumentsComeOutAsTheValidatingReformat() throws {
        var generator = DocumentGenerator(seed: 0x5EED_21)
        let serializer = JSONSerializer(pretty: true)
        for round in 0..<2_000 {
            let bytes = generator.document(depth: 5)
            try #require(JSONValidator.isValid(bytes))
            for indent in [0, 3] {
                let expected = try serializer.reformat(bytes, indent: indent)
                #expect(Self.written(bytes, indent: indent) == expected, "round \(round), indent \(indent): \(Self.text(bytes))")
                var largest = 0
                #expect(Self.written(bytes, indent: indent, chunkSize: 256, largest: &largest) == expected, "round \(round), chunks of 256")
                // Generated tokens are all shorter than 256 bytes, so no chunk passes the size.
                #expect(largest <= 256)
            }
        }
    }

    @Test(arguments: Corpus.valid)
    func corpusDocumentsComeOutAsTheValidatingReformat(_ bytes: [UInt8]) throws {
        for options in [JSONOptions(), JSONOptions(allowByteOrderMark: true, allowUnpairedSurrogates: true)] {
            guard let expected = try? JSONSerializer(pretty: true).reformat(bytes, indent: 2, options: options) else { continue }
            #expect(Self.written(bytes, indent: 2) == expected)
        }
    }

    @Test func aByteOrderMarkAndDeepNestingComeOutAsTheValidatingReformat() throws {
        let serializer = JSONSerializer(pretty: true)
        let marked: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#" {"a": ["\u00e9", 1e+5, true]} "#.utf8)
        #expect(Self.written(marked, indent: 1) == (try serializer.reformat(marked, indent: 1, options: JSONOptions(allowByteOrderMark: true))))
        // 100 levels at indent 30 is 260 spaces, past the 128 kept for a line break.
        let deep = Array((String(repeating: #"{"k": ["#, count: 50) + "0" + String(repeating: "]}", count: 50)).utf8)
        #expect(Self.written(deep, indent: 30) == (try serializer.reformat(deep, indent: 30)))
    }

    /// A document written as pieces (the bytes before a top-level member's value, the value,
    /// the bytes after), with the layout carried from piece to piece, is the whole document.
    @Test func piecesWithTheLayoutCarriedOverMakeTheWholeDocument() throws {
        var generator = DocumentGenerator(seed: 77)
        var checked = 0
        for _ in 0..<600 {
            // An object of one to four generated values, with a stray space or line feed.
            var bytes = Array("{".utf8)
            for index in 0..<(1 + generator.int(below: 4)) {
                bytes += Array("\(index == 0 ? "" : ",")\(generator.bool() ? " " : "\n")\"m\(index)\": ".utf8)
                generator.value(&bytes, depth: 3)
            }
            bytes += Array(" }".utf8)
            let members = try JSONSpans.topLevelMembers(of: bytes)
            let value = members[generator.int(below: members.count)].valueRange
            var pieces: [UInt8] = []
            bytes.withUnsafeBytes { document in
                PrettyJSONWriter.withWriter(chunkSize: 300, to: { pieces.append(contentsOf: $0) }) { writer in
                    var layout = PrettyJSONWriter.Layout()
                    for range in [0..<value.lowerBound, value, value.upperBound..<document.count] {
                        writer.reformat(validated: document, range: range, indent: 2, layout: &layout)
                    }
                }
            }
            #expect(pieces == (try JSONSerializer(pretty: true).reformat(bytes, indent: 2)), "\(Self.text(bytes))")
            checked += 1
        }
        #expect(checked == 600)
    }

    /// Bytes that were never validated: the writer ends, and every byte of every token (all but
    /// whitespace and commas) comes out, in order. No backslash, so no string is decoded.
    @Test func bytesThatWereNotValidatedStillEndWithEveryTokenByteInOrder() {
        var generator = DocumentGenerator(seed: 404)
        for round in 0..<3_000 {
            var bytes = generator.document(depth: 4)
            for _ in 0..<(1 + generator.int(below: 4)) where !bytes.isEmpty {
                bytes[generator.int(below: bytes.count)] = generator.damage()
            }
            if generator.int(below: 4) == 0 { bytes = (0..<generator.int(below: 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
            bytes = bytes.map { $0 == 0x5C ? 0x78 : $0 }
            let output = Self.written(bytes, indent: 1, chunkSize: 256)
            let tokenBytes = bytes.filter { ![0x20, 0x0A, 0x0D, 0x09, 0x2C].contains($0) }
            #expect(Self.isSubsequence(tokenBytes, of: output), "round \(round): \(bytes)")
        }
    }

    /// Strings with broken escapes, which the decoder must never see: copied as they are.
    @Test func brokenEscapesAreCopiedAsTheyAre() {
        for text in [#"["\u12"]"#, #"["\u"]"#, #"{"a\x": 1}"#, #"["\"#, "[\"\\\u{01}\"]"] {
            let bytes = Array(text.utf8)
            let output = Self.written(bytes)
            let tokenBytes = bytes.filter { ![0x20, 0x0A, 0x0D, 0x09, 0x2C].contains($0) }
            #expect(Self.isSubsequence(tokenBytes, of: output), "\(text) gave \(Self.text(output))")
        }
        let invalidUTF8: [UInt8] = [0x5B, 0x22, 0x5C, 0x6E, 0xFF, 0xC0, 0x22, 0x5D]
        #expect(Self.isSubsequence(invalidUTF8, of: Self.written(invalidUTF8)))
    }

    static func isSubsequence(_ needle: [UInt8], of haystack: [UInt8]) -> Bool {
        var position = haystack.startIndex
        for byte in needle {
            guard let found = haystack[position...].firstIndex(of: byte) else { return false }
            position = found + 1
        }
        return true
    }
}
