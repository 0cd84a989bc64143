import StrictJSON
import Testing

/// The byte decoder keeps one member table per depth and rebuilds it when another object
/// took the slot; containers used interleaved or nested deeper than the slots must still
/// find their own members.
@Suite struct MemberTableReuseTests {
    enum Keys: String, CodingKey { case x, y }

    /// Reads two sibling objects through containers used alternately.
    struct Interleaved: Decodable {
        var values: [Int]

        init(from decoder: any Decoder) throws {
            var array = try decoder.unkeyedContainer()
            let first = try array.nestedContainer(keyedBy: Keys.self)
            let second = try array.nestedContainer(keyedBy: Keys.self)
            values = [
                try first.decode(Int.self, forKey: .x), try second.decode(Int.self, forKey: .x),
                try first.decode(Int.self, forKey: .y), try second.decode(Int.self, forKey: .y),
            ]
        }
    }

    @Test func interleavedContainersAtOneDepth() throws {
        let text = #"[{"x": 1, "y": 2, "x": 3}, {"y": 4, "x": 5}]"#
        #expect(try StrictJSONDecoder().decode(Interleaved.self, from: Array(text.utf8)).values == [3, 5, 2, 4])
        let keepFirst = StrictJSONDecoder(options: JSONOptions(duplicateKeys: .keepFirst))
        #expect(try keepFirst.decode(Interleaved.self, from: Array(text.utf8)).values == [1, 5, 2, 4])
    }

    /// A chain whose parent reads its own member after decoding the child.
    final class Node: Decodable {
        let child: Node?
        let value: Int

        enum CodingKeys: String, CodingKey { case child, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            child = try container.decodeIfPresent(Node.self, forKey: .child)
            value = try container.decode(Int.self, forKey: .value)
        }
    }

    @Test func nestingDeeperThanTheTableSlots() throws {
        let depth = 100
        var text = #"{"value": \#(depth)}"#
        for level in stride(from: depth - 1, through: 0, by: -1) { text = #"{"child": \#(text), "value": \#(level)}"# }
        var node: Node? = try StrictJSONDecoder().decode(Node.self, from: Array(text.utf8))
        var expected = 0
        while let current = node {
            #expect(current.value == expected)
            expected += 1
            node = current.child
        }
        #expect(expected == depth + 1)
    }

    @Test func keysLongerThanAWordAndEscapedKeys() throws {
        struct Record: Decodable, Equatable {
            var identifierNumber: Int
            var é: Int
        }
        let text = #"[{"identifierNumber": 1, "\u00e9": 2}, {"\u00e9": 3, "identifierNumbeR": 9, "identifierNumber": 4}]"#
        let records = try StrictJSONDecoder().decode([Record].self, from: Array(text.utf8))
        #expect(records == [Record(identifierNumber: 1, é: 2), Record(identifierNumber: 4, é: 3)])
    }

    @Test func repeatedKeysThenADuplicate() throws {
        let text = #"[{"ab": 1, "cd": 2}, {"ab": 3, "cd": 4}, {"ab": 5, "ab": 6}, {"ab": 7}, {"ab": 8, "ab": 9}, {}, {"cd": 0, "cd": 1}]"#
        let keepLast = try StrictJSONDecoder().decode([[String: Int]].self, from: Array(text.utf8))
        #expect(keepLast == [["ab": 1, "cd": 2], ["ab": 3, "cd": 4], ["ab": 6], ["ab": 7], ["ab": 9], [:], ["cd": 1]])
        let keepFirst = try StrictJSONDecoder(options: JSONOptions(duplicateKeys: .keepFirst)).decode([[String: Int]].self, from: Array(text.utf8))
        #expect(keepFirst == [["ab": 1, "cd": 2], ["ab": 3, "cd": 4], ["ab": 5], ["ab": 7], ["ab": 8], [:], ["cd": 0]])
    }

    /// Asks for members out of document order, again after decoding a nested object.
    struct OutOfOrder: Decodable, Equatable {
        var values: [Int]

        enum CodingKeys: String, CodingKey { case a, b, c, inner }

        init(values: [Int]) { self.values = values }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let inner = try container.decodeIfPresent(OutOfOrder.self, forKey: .inner)
            values = [
                try container.decode(Int.self, forKey: .c), try container.decode(Int.self, forKey: .a),
                try container.decode(Int.self, forKey: .c), try container.decode(Int.self, forKey: .b),
                container.contains(.inner) ? 1 : 0,
            ] + (inner?.values ?? [])
        }
    }

    @Test func membersAskedForOutOfOrder() throws {
        let text = #"[{"a": 1, "b": 2, "c": 3, "inner": {"c": 6, "b": 5, "a": 4}}, {"b": 8, "a": 7, "c": 9}]"#
        let decoded = try StrictJSONDecoder().decode([OutOfOrder].self, from: Array(text.utf8))
        #expect(decoded == [OutOfOrder(values: [3, 1, 3, 2, 1, 6, 4, 6, 5, 0]), OutOfOrder(values: [9, 7, 9, 8, 0])])
    }

    /// Member boundaries depend on finding where each number ends, eight digits a step.
    @Test func numbersOfEveryFormBetweenMembers() throws {
        struct Numbers: Decodable, Equatable {
            var a, b, c, d, e, f: Double
            var g: String
        }
        let text = #"{"a": -0.5e+10, "b": 123456789012345678901234, "c": 1E5, "d": 0, "e": -0,"f":1.2500000000000000E-3, "g": "x"}"#
        let numbers = try StrictJSONDecoder().decode(Numbers.self, from: Array(text.utf8))
        #expect(numbers == Numbers(a: -0.5e10, b: Double("123456789012345678901234")!, c: 1e5, d: 0, e: -0.0, f: 1.25e-3, g: "x"))
        for root in ["1.5", "-12345678901234567", "7e0", "0"] {
            #expect(try StrictJSONDecoder().decode(Double.self, from: Array(root.utf8)) == Double(root))
            #expect(try StrictJSONDecoder().decode(JSONValue.self, from: Array(root.utf8)) == JSONParser.parse(root))
        }
    }
}
