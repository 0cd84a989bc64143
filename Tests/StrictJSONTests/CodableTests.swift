import Foundation
import StrictJSON
import Testing

@Suite struct StrictJSONDecoderTests {
    struct Item: Codable, Equatable {
        var id: Int
        var name: String
        var price: Double
        var tags: [String]
        var discount: Float?
    }

    struct Order: Codable, Equatable {
        var items: [Item]
        var metadata: JSONValue
        var counts: [String: Int]
    }

    class Base: Codable {
        var id: Int
        init(id: Int) { self.id = id }
    }

    final class Derived: Base {
        var label: String
        init(id: Int, label: String) {
            self.label = label
            super.init(id: id)
        }
        enum CodingKeys: String, CodingKey { case label }
        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            label = try container.decode(String.self, forKey: .label)
            try super.init(from: container.superDecoder())
        }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try super.encode(to: container.superEncoder())
        }
    }

    private func message(_ error: (any Error)?) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            context.debugDescription
        default: ""
        }
    }

    static let orderJSON = #"""
        {"items": [{"id": 1, "name": "tea", "price": 2.5, "tags": ["hot"], "discount": null},
                   {"id": 2, "name": "cake", "price": 4, "tags": [], "discount": 0.25}],
         "metadata": {"source": "pos", "total": 6.50},
         "counts": {"tea": 1, "cake": 1}}
        """#

    @Test func decodesNestedStructs() throws {
        let order = try StrictJSONDecoder().decode(Order.self, from: Array(Self.orderJSON.utf8))
        #expect(order.items.count == 2)
        #expect(order.items[0] == Item(id: 1, name: "tea", price: 2.5, tags: ["hot"], discount: nil))
        #expect(order.items[1].discount == 0.25)
        #expect(order.counts == ["tea": 1, "cake": 1])
        #expect(order.metadata["total"]?.numberValue?.text == "6.50")
    }

    @Test func roundTripsThroughTheEncoder() throws {
        let order = try StrictJSONDecoder().decode(Order.self, from: Array(Self.orderJSON.utf8))
        let bytes = try StrictJSONEncoder(sortedKeys: true).encode(order)
        #expect(try StrictJSONDecoder().decode(Order.self, from: bytes) == order)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""total":6.50"#))
    }

    @Test func typeMismatchNamesTheCodingPath() throws {
        let bytes = Array(#"{"items": [{"id": 1, "name": "a", "price": 1, "tags": []}, {"id": 2, "name": "b", "price": "x", "tags": []}], "metadata": null, "counts": {}}"#.utf8)
        let error = #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(Order.self, from: bytes) }
        #expect(message(error) == #"at items[1].price: expected a number for Double, found string "x""#)
    }

    @Test func missingKeyNamesTheCodingPath() {
        let bytes = Array(#"{"items": [{"id": 1, "name": "a", "tags": []}], "metadata": 1, "counts": {}}"#.utf8)
        let error = #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(Order.self, from: bytes) }
        #expect(message(error) == #"at items[0]: no member "price""#)
    }

    @Test func nullForARequiredValueNamesTheCodingPath() {
        let error = #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode([String: Int].self, from: Array(#"{"a": null}"#.utf8)) }
        #expect(message(error) == "at a: expected a number for Int, found null")
    }

    @Test func integersMustBeExactAndInRange() throws {
        let decoder = StrictJSONDecoder()
        #expect(try decoder.decode([Int].self, from: Array("[1, 1.0, 1e2, -0]".utf8)) == [1, 1, 100, 0])
        #expect(try decoder.decode(UInt64.self, from: Array("18446744073709551615".utf8)) == .max)
        let fraction = #expect(throws: DecodingError.self) { try decoder.decode([Int].self, from: Array("[1, 1.5]".utf8)) }
        #expect(message(fraction) == "at [1]: number 1.5 does not fit Int")
        let range = #expect(throws: DecodingError.self) { try decoder.decode([String: Int8].self, from: Array(#"{"x": 300}"#.utf8)) }
        #expect(message(range) == "at x: number 300 does not fit Int8")
        #expect(throws: DecodingError.self) { try decoder.decode(UInt.self, from: Array("-1".utf8)) }
    }

    @Test func doublesRejectOverflow() {
        let error = #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(Double.self, from: Array("1E400".utf8)) }
        #expect(message(error) == "at the top level: number 1E400 is too large for Double")
    }

    @Test func syntaxErrorsAreJSONErrors() {
        let error = #expect(throws: JSONError.self) { try StrictJSONDecoder().decode([Int].self, from: Array("[1,]".utf8)) }
        #expect(error?.kind == .trailingComma)
    }

    /// The decoder validates through the validator's fast path before the scanner; it must
    /// accept exactly what the parser accepts, with the parser's errors, under every option
    /// that limits a document (size, depth past the fast path's 64 levels, BOM, surrogates).
    @Test func acceptsAndRejectsLikeTheParser() {
        let optionSets = [
            JSONOptions(), JSONOptions(maxDepth: 3), JSONOptions(maxDepth: 100), JSONOptions(maxSize: 40),
            JSONOptions(allowByteOrderMark: true, allowUnpairedSurrogates: true), JSONOptions(maxDepth: -1),
        ]
        var generator = DocumentGenerator(seed: 909)
        var documents: [[UInt8]] = [
            Array(String(repeating: "[", count: 70).utf8) + Array(String(repeating: "]", count: 70).utf8),
            Array(String(repeating: "[", count: 70).utf8) + Array(String(repeating: "]", count: 69).utf8),
            [0xEF, 0xBB, 0xBF] + Array("[1]".utf8), Array(#"["\uD800"]"#.utf8), Array("[1, 2".utf8), [],
        ]
        for round in 0..<600 {
            var document = generator.document(depth: 4)
            if round % 2 == 1, !document.isEmpty { document[generator.int(below: document.count)] = generator.damage() }
            documents.append(document)
        }
        for document in documents {
            for options in optionSets {
                let parserError = Readers.parserError(document, options)
                do {
                    _ = try StrictJSONDecoder(options: options).decode(Ignored.self, from: document)
                    #expect(parserError == nil, "\(String(decoding: document, as: UTF8.self))")
                } catch {
                    #expect(error as? JSONError == parserError, "\(String(decoding: document, as: UTF8.self))")
                }
            }
        }
    }

    /// Decodes from any valid document without looking at it.
    struct Ignored: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    @Test func decodesJSONValueItselfAndDecimals() throws {
        let decoder = StrictJSONDecoder()
        #expect(try decoder.decode(JSONValue.self, from: Array(#"{"a":[1.50]}"#.utf8)) == ["a": [1.5]])
        #expect(try decoder.decode(Decimal.self, from: Array("19.990".utf8)) == Decimal(string: "19.99"))
        #expect(try decoder.decode(Int.self, from: JSONValue.number(7)) == 7)
    }

    @Test func superDecoderAndSuperEncoderWork() throws {
        let bytes = try StrictJSONEncoder().encode(Derived(id: 3, label: "x"))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"label":"x","super":{"id":3}}"#)
        let decoded = try StrictJSONDecoder().decode(Derived.self, from: bytes)
        #expect(decoded.id == 3)
        #expect(decoded.label == "x")
    }

    @Test func duplicateKeysFollowTheDecodersPolicy() throws {
        let bytes = Array(#"{"a": 1, "a": 2}"#.utf8)
        #expect(try StrictJSONDecoder().decode([String: Int].self, from: bytes) == ["a": 2])
        #expect(throws: JSONError.self) { try StrictJSONDecoder(options: .strict).decode([String: Int].self, from: bytes) }
    }

    @Test func jsonValueWorksWithFoundationCoders() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"a":[1,2.5,"x",true,null]}"#.utf8))
        #expect(value == ["a": [1, 2.5, "x", true, nil]])
        let data = try JSONEncoder().encode(["b": [1, false]] as JSONValue)
        #expect(try JSONParser.parse(Array(data)) == ["b": [1, false]])
    }
}

@Suite struct StrictJSONEncoderTests {
    struct Reading: Encodable {
        var sensor: String
        var values: [Double]
        var extra: JSONValue?
    }

    @Test func encodesCompactInMemberOrder() throws {
        let bytes = try StrictJSONEncoder().encode(Reading(sensor: "s1", values: [1, 0.5], extra: nil))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"sensor":"s1","values":[1.0,0.5]}"#)
    }

    @Test func keepsEmbeddedNumberText() throws {
        let extra = try JSONParser.parse(#"{"big":123456789012345678901234567890}"#)
        let bytes = try StrictJSONEncoder().encode(Reading(sensor: "s", values: [], extra: extra))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"sensor":"s","values":[],"extra":{"big":123456789012345678901234567890}}"#)
    }

    @Test func sortsKeysWhenAsked() throws {
        let bytes = try StrictJSONEncoder(sortedKeys: true).encode(["b": 1, "a": 2, "é": 3, "B": 4])
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"B":4,"a":2,"b":1,"é":3}"#)
    }

    @Test func prettyPrints() throws {
        let bytes = try StrictJSONEncoder(pretty: true).encode(["a": [1]])
        #expect(String(decoding: bytes, as: UTF8.self) == "{\n  \"a\": [\n    1\n  ]\n}")
    }

    @Test func rejectsNonFiniteNumbersWithTheCodingPath() {
        let error = #expect(throws: EncodingError.self) {
            try StrictJSONEncoder().encode(Reading(sensor: "s", values: [1, .infinity], extra: nil))
        }
        guard case .invalidValue(_, let context) = error else { return }
        #expect(context.debugDescription == "at values[1]: inf cannot be written as JSON, which has no infinities or NaN")
    }

    @Test func encodesToAValue() throws {
        let value = try StrictJSONEncoder().encodeToValue(["k": [true]])
        #expect(value == ["k": [true]])
        #expect(try StrictJSONEncoder().encodeToValue(Optional<Int>.none) == .null)
        #expect(try StrictJSONEncoder().encodeToValue(UInt64.max) == .number(JSONNumber(UInt64.max)))
    }
}
