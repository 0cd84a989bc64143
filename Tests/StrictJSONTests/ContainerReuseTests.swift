import StrictJSON
import Testing

/// The byte decoder hands a keyed container out again once nobody holds it; containers
/// that are still held, of other key types, deeper than the slots, or kept after the
/// decode must each still read their own object.
@Suite struct ContainerReuseTests {
    enum Keys: String, CodingKey { case x, y, inner }
    enum OtherKeys: String, CodingKey { case x, y }

    /// Keeps every record's container and reads them all again after the last record.
    final class Keeper: @unchecked Sendable {
        var containers: [KeyedDecodingContainer<Keys>] = []
        var decoders: [any Decoder] = []
    }

    struct Kept: Decodable {
        var x: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            x = try container.decode(Int.self, forKey: .x)
            (decoder.userInfo[Self.keeperKey] as? Keeper)?.containers.append(container)
            (decoder.userInfo[Self.keeperKey] as? Keeper)?.decoders.append(decoder)
        }

        static let keeperKey = CodingUserInfoKey(rawValue: "keeper")!
    }

    @Test func containersKeptByTheCallerKeepTheirObject() throws {
        let keeper = Keeper()
        let decoder = StrictJSONDecoder(userInfo: [Kept.keeperKey: keeper])
        let text = #"[{"x": 1, "y": 10}, {"y": 20, "x": 2}, {"x": 3, "y": 30}]"#
        let kept = try decoder.decode([Kept].self, from: Array(text.utf8))
        #expect(kept.map(\.x) == [1, 2, 3])
        // Read after the decode returned, from containers the decoder may have reused.
        #expect(try keeper.containers.map { try $0.decode(Int.self, forKey: .y) } == [10, 20, 30])
        #expect(try keeper.containers.map { try $0.decode(Int.self, forKey: .x) } == [1, 2, 3])
        // The decoder passed to `init(from:)` is shared and back at the root array after
        // the decode; asked for a container then, it must still answer (here: not an object).
        for late in keeper.decoders {
            #expect(throws: DecodingError.self) { try late.container(keyedBy: OtherKeys.self) }
            var array = try late.unkeyedContainer()
            #expect(try array.nestedContainer(keyedBy: OtherKeys.self).decode(Int.self, forKey: .y) == 10)
        }
    }

    /// Reads each record with two key types in turn and a container held across a nested one.
    struct Mixed: Decodable, Equatable {
        var values: [Int]

        init(values: [Int]) { self.values = values }

        init(from decoder: any Decoder) throws {
            let first = try decoder.container(keyedBy: Keys.self)
            let inner = try first.decodeIfPresent(Mixed.self, forKey: .inner)
            let second = try decoder.container(keyedBy: OtherKeys.self)
            let third = try decoder.container(keyedBy: Keys.self)
            values = [
                try first.decode(Int.self, forKey: .x), try second.decode(Int.self, forKey: .y),
                try third.decode(Int.self, forKey: .y), try first.decode(Int.self, forKey: .y),
            ] + (inner?.values ?? [])
        }
    }

    @Test func keyTypesAndHeldContainersAlternate() throws {
        let text = #"[{"x": 1, "y": 2, "inner": {"x": 3, "y": 4}}, {"inner": {"y": 6, "x": 5, "inner": {"x": 7, "y": 8}}, "y": 10, "x": 9}]"#
        let expected = [Mixed(values: [1, 2, 2, 2, 3, 4, 4, 4]), Mixed(values: [9, 10, 10, 10, 5, 6, 6, 6, 7, 8, 8, 8])]
        #expect(try StrictJSONDecoder().decode([Mixed].self, from: Array(text.utf8)) == expected)
        #expect(try StrictJSONDecoder().decode([Mixed].self, from: JSONParser.parse(text)) == expected)
    }

    /// Nests deeper than the decoder's slots, so slots are shared by depths that are both in use.
    @Test func nestingDeeperThanTheSlots() throws {
        let depth = 40
        var text = #"{"x": \#(depth), "y": -1}"#
        for level in stride(from: depth - 1, through: 0, by: -1) { text = #"{"inner": \#(text), "x": \#(level), "y": -1}"# }
        let fromBytes = try StrictJSONDecoder().decode(Mixed.self, from: Array(text.utf8))
        #expect(fromBytes == (try StrictJSONDecoder().decode(Mixed.self, from: JSONParser.parse(text))))
        #expect(fromBytes.values.count == 4 * (depth + 1))
        #expect(stride(from: 0, to: fromBytes.values.count, by: 4).map { fromBytes.values[$0] } == Array(0...depth))
    }
}
