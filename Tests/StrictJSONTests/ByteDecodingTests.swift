import DeeployTestSupport
import Foundation
import StrictJSON
import Testing

/// ``StrictJSONDecoder`` reading straight from bytes agrees with decoding the parsed tree.
@Suite struct StrictJSONDecoderByteReadingTests {
    /// Any JSON, read only through the containers' generic calls, so both readers are
    /// exercised the same way (`allKeys`, `decodeNil`, scalars, nested values).
    typealias Walked = JSONInvariants.Walked

    struct Scalars: Codable, Equatable {
        var b: Bool
        var s: String
        var d: Double
        var f: Float
        var i: Int
        var i8: Int8
        var i16: Int16
        var i32: Int32
        var i64: Int64
        var u: UInt
        var u8: UInt8
        var u16: UInt16
        var u32: UInt32
        var u64: UInt64
        var strings: [String]
        var ints: [Int]
        var doubles: [Double]
        var bools: [Bool]
        var optional: String?
        var missing: Int?
        var nested: [[Double]]
        var raw: JSONValue
        var decimal: Decimal
    }

    private func message(_ error: (any Error)?) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            context.debugDescription
        default: ""
        }
    }

    /// Decodes `text` from bytes and from its tree, expecting the same value or the same
    /// coding path and message (`JSONInvariants.checkDecoding`, which the json-decode fuzz target
    /// makes too); a document the bytes reject, the tree rejects with a `DecodingError`.
    private func agree<T: Decodable & Equatable>(_ type: T.Type, _ text: String, options: JSONOptions = .init()) throws -> T {
        let decoder = StrictJSONDecoder(options: options)
        let bytes = Array(text.utf8)
        let tree = try JSONParser.parse(bytes, options: options)
        var issues = IssueRecorder(context: text)
        JSONInvariants.checkDecoding(type, bytes, decoder: decoder, into: &issues)
        do {
            return try decoder.decode(type, from: bytes)
        } catch {
            #expect(throws: DecodingError.self, "\(text)") { try decoder.decode(type, from: tree) }
            throw error
        }
    }

    static let scalarsJSON = #"""
        {"raw": {"x": [1.50, "é"]}, "b": true, "s": "t\u00e9\n\ud83d\ude00", "d": -12.5E-3, "f": 0.1, "i": -9223372036854775808,
         "i8": -128, "i16": 1e2, "i32": -0, "i64": 9223372036854775807, "u": 18446744073709551615, "u8": 255,
         "u16": 65535, "u32": 4294967295, "u64": 18446744073709551615, "strings": ["a", "\"b\"", ""],
         "ints": [1, -2, 3.0], "doubles": [0.1, 1e23, 5e-324], "bools": [true, false], "optional": null,
         "nested": [[1, 2.5], []], "decimal": 19.990}
        """#

    @Test func decodesEveryScalarTypeLikeTheTree() throws {
        let value = try agree(Scalars.self, Self.scalarsJSON)
        #expect(value.s == "té\n😀")
        #expect(value.i == .min)
        #expect(value.i16 == 100)
        #expect(value.u64 == .max)
        #expect(value.strings == ["a", "\"b\"", ""])
        #expect(value.doubles == [0.1, 1e23, .leastNonzeroMagnitude])
        #expect(value.optional == nil)
        #expect(value.missing == nil)
        #expect(value.nested == [[1, 2.5], []])
        #expect(value.raw["x"]?[0]?.numberValue?.text == "1.50")
        #expect(value.decimal == Decimal(string: "19.99"))
    }

    @Test func doublesAreCorrectlyRounded() throws {
        let texts = [
            "0.1", "-0", "-0.0", "1e22", "1e23", "9007199254740993", "123456789012345678", "1234567890123456789012",
            "1.7976931348623157e308", "5e-324", "2.2250738585072014E-308", "0.000001", "-12.5E-3", "3.14159265358979323846",
            "1e-22", "4.35", "0.3", "100000000000000000000000", "1E+2", "8.41e21", "9007199254740992e3",
        ]
        for text in texts {
            let decoded = try agree(Double.self, text)
            #expect(decoded.bitPattern == Double(text)?.bitPattern, "\(text)")
            #expect(try agree([Double].self, "[\(text)]") == [decoded])
        }
    }

    @Test func integersMatchTheTreeAtTheirLimits() throws {
        #expect(try agree(Int64.self, "-9223372036854775808") == .min)
        #expect(try agree(Int64.self, "123456789012345678") == 123_456_789_012_345_678)
        #expect(try agree(Int64.self, "1234567890123456789") == 1_234_567_890_123_456_789)
        #expect(try agree(UInt8.self, "-0") == 0)
        #expect(try agree(Int.self, "1.0e1") == 10)
        #expect(throws: DecodingError.self) { try agree(Int64.self, "9223372036854775808") }
        #expect(throws: DecodingError.self) { try agree(UInt.self, "-1") }
        #expect(throws: DecodingError.self) { try agree(Int8.self, "128") }
        #expect(throws: DecodingError.self) { try agree([Int].self, "[1, 1.5]") }
    }

    @Test func membersMayBeAskedForInAnyOrder() throws {
        struct Point: Decodable, Equatable {
            var x: Int
            var y: Int
            var z: Int
        }
        #expect(try agree(Point.self, #"{"z": 3, "y": 2, "x": 1, "w": {"x": 9}}"#) == Point(x: 1, y: 2, z: 3))
        #expect(try agree([Point].self, #"[{"y":2,"x":1,"z":3},{"x":4,"z":6,"y":5}]"#).map(\.y) == [2, 5])
    }

    @Test func duplicateKeysFollowThePolicyLikeTheParser() throws {
        let small = #"{"a": 1, "b": 2, "a": 3}"#
        let big = "{" + (0..<20).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ") + #", "k3": 99, "k\u0033": 100}"#
        for policy in [JSONOptions.DuplicateKeyPolicy.keepFirst, .keepLast] {
            let options = JSONOptions(duplicateKeys: policy)
            let first = policy == .keepFirst
            #expect(try agree([String: Int].self, small, options: options)["a"] == (first ? 1 : 3))
            #expect(try agree([String: Int].self, big, options: options)["k3"] == (first ? 3 : 100))
            guard case .object(_, let keys) = try agree(Walked.self, small, options: options) else { return }
            #expect(keys == (first ? ["a", "b"] : ["b", "a"]))
        }
        #expect(throws: JSONError.self) { try StrictJSONDecoder(options: .strict).decode([Int].self, from: Array(#"[{"a":1,"a":2}]"#.utf8)) }
    }

    @Test func keysCompareCodeUnitByCodeUnit() throws {
        struct Named: Decodable, Equatable {
            var name: String
            var café: Int
        }
        // An escaped key decodes to the same code units as the Swift key, so it matches.
        let value = try agree(Named.self, #"{"n\u0061me": "x", "caf\u00e9": 1}"#)
        #expect(value == Named(name: "x", café: 1))
        #expect(try agree(Named.self, #"{"name": "y", "café": 2}"#).café == 2)
        // A decomposed é is a different JSON name (RFC 8259 §8.3), on both decoding paths.
        let decomposed = Array(#"{"name": "z", "cafe\u0301": 3}"#.utf8)
        #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(Named.self, from: decomposed) }
        #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(Named.self, from: JSONParser.parse(decomposed)) }
    }

    @Test func errorsNameTheSameCodingPath() {
        struct Tagged: Decodable, Equatable {
            var tags: [String]
            var count: Int
        }
        let cases = [
            (#"[{"tags": ["a", null], "count": 1}]"#, "at [0].tags[1]: expected a string for String, found null"),
            (#"[{"tags": "a", "count": 1}]"#, #"at [0].tags: expected an array for Array<JSONValue>, found string "a""#),
            (#"[{"tags": [], "count": 1}, {"tags": []}]"#, #"at [1]: no member "count""#),
            (#"[{"tags": [], "count": 1.5}]"#, "at [0].count: number 1.5 does not fit Int"),
            (#"[{"tags": [], "count": true}]"#, "at [0].count: expected a number for Int, found true"),
            (#"[[]]"#, "at [0]: expected an object for Dictionary<String, JSONValue>, found array"),
        ]
        for (text, expected) in cases {
            let error = #expect(throws: DecodingError.self) { try agree([Tagged].self, text) }
            #expect(message(error) == expected)
        }
    }

    @Test func nestedContainersAndSuperDecodersKeepTheirPaths() throws {
        struct Outer: Decodable, Equatable {
            var inner: Int
            var list: [Int]
            var superValue: Int?
            enum CodingKeys: String, CodingKey { case wrapper, list }
            enum WrapperKeys: String, CodingKey { case inner }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                let wrapper = try container.nestedContainer(keyedBy: WrapperKeys.self, forKey: .wrapper)
                inner = try wrapper.decode(Int.self, forKey: .inner)
                var list = try container.nestedUnkeyedContainer(forKey: .list)
                #expect(list.count == 3)
                var values: [Int] = []
                while !list.isAtEnd {
                    if try list.decodeNil() { continue }
                    var pair = try list.nestedUnkeyedContainer()
                    values.append(try pair.decode(Int.self))
                    #expect(throws: DecodingError.self) { try pair.decode(Int.self) }
                }
                self.list = values
                superValue = try? Int(from: container.superDecoder())
                #expect(throws: DecodingError.self) { try wrapper.decode(String.self, forKey: .inner) }
            }
        }
        let value = try agree(Outer.self, #"{"list": [[1], null, [2]], "wrapper": {"inner": 7}}"#)
        #expect(value.inner == 7)
        #expect(value.list == [1, 2])
        #expect(value.superValue == nil)
        let error = #expect(throws: DecodingError.self) { try agree(Outer.self, #"{"list": [], "wrapper": {"inner": "x"}}"#) }
        #expect(message(error) == #"at wrapper.inner: expected a number for Int, found string "x""#)
    }

    /// A member that is absent reads as `null` through a decoder of its own. Its one-value
    /// document once copied "null" through a pointer that was only valid inside a closure; a
    /// `null` read back shows the copy is sound, and under `swift test --sanitize=address` the
    /// old copy fails here as a stack-use-after-return.
    @Test func anAbsentMembersDecoderReadsNull() throws {
        struct Probe: Decodable, Equatable {
            var superIsNull: Bool
            var absentIsNull: Bool
            enum CodingKeys: String, CodingKey { case present, absent }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                superIsNull = try container.superDecoder().singleValueContainer().decodeNil()
                absentIsNull = try container.superDecoder(forKey: .absent).singleValueContainer().decodeNil()
            }
        }
        for _ in 0..<100 {
            let probe = try agree(Probe.self, #"{"present": 1}"#)
            #expect(probe.superIsNull && probe.absentIsNull)
        }
    }

    @Test func readsAroundWhitespaceAndAnAllowedByteOrderMark() throws {
        let options = JSONOptions(allowByteOrderMark: true)
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(" \n[ 1 ,\t2 ] \r\n".utf8)
        #expect(try StrictJSONDecoder(options: options).decode([Int].self, from: bytes) == [1, 2])
        #expect(try StrictJSONDecoder().decode(Int.self, from: Array(" 42 ".utf8)) == 42)
        #expect(try StrictJSONDecoder().decode(String.self, from: ArraySlice(Array(#"x"y""#.utf8)).dropFirst()) == "y")
    }

    @Test func agreesWithTheTreeOnGeneratedDocuments() throws {
        var generator = DocumentGenerator(seed: 4_242)
        for round in 0..<1_000 {
            let bytes = generator.document(depth: 3)
            _ = try JSONParser.parse(bytes)
            _ = try StrictJSONDecoder().decode(Walked.self, from: bytes)
            var issues = IssueRecorder(context: "round \(round): \(String(decoding: bytes, as: UTF8.self))")
            JSONInvariants.checkDecoding(Walked.self, bytes, decoder: StrictJSONDecoder(), into: &issues)
            JSONInvariants.checkDecoding([JSONInvariants.Record].self, bytes, decoder: StrictJSONDecoder(), into: &issues)
        }
    }
}
