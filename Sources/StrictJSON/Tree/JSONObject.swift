/// A JSON object (RFC 8259 §4): members in document order, with unique keys.
///
/// Iteration and serialization keep member order. Equality and hashing ignore it, because
/// an object is an unordered collection of members. Lookup by key is a linear scan for
/// small objects and a hash lookup for larger ones.
///
/// ```swift
/// let object: JSONObject = ["model": "iris", "version": 2]
/// object["version"]  // .number(2)
/// object.keys        // ["model", "version"]
/// ```
public struct JSONObject: Sendable {
    /// A key and its value.
    public typealias Member = (key: String, value: JSONValue)

    /// The members in order.
    public private(set) var members: [Member]
    /// Key to position, only for objects big enough that a scan would be slow.
    private var index: [CodeUnitKey: Int]?

    private static let indexThreshold = 12

    /// An empty object.
    public init() {
        members = []
        index = nil
    }

    /// An object of `members` in order; when a key repeats, its last occurrence is kept in
    /// its own position (the same as ``JSONOptions/DuplicateKeyPolicy/keepLast``).
    public init(_ members: some Sequence<Member>) {
        var unique = JSONObject()
        for member in members {
            unique.removeValue(forKey: member.key)
            unique.append(member)
        }
        self = unique
    }

    /// An object of members whose keys are known to be unique; `index` may be given if built.
    init(uniqueMembers: [Member], index: [CodeUnitKey: Int]?) {
        members = uniqueMembers
        self.index = index ?? Self.makeIndex(uniqueMembers)
    }

    private static func makeIndex(_ members: [Member]) -> [CodeUnitKey: Int]? {
        guard members.count > indexThreshold else { return nil }
        var index = [CodeUnitKey: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() { index[CodeUnitKey(member.key)] = position }
        return index
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The values in order.
    public var values: [JSONValue] { members.map(\.value) }

    /// The position of the member named `key`.
    public func index(forKey key: String) -> Int? {
        if let index { return index[CodeUnitKey(key)] }
        return members.firstIndex { $0.key.hasSameCodeUnits(as: key) }
    }

    /// The value of the member named `key`; setting `nil` removes the member, setting a new
    /// key appends it.
    public subscript(key: String) -> JSONValue? {
        get { index(forKey: key).map { members[$0].value } }
        set {
            if let position = index(forKey: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    index = Self.makeIndex(members)
                }
            } else if let newValue {
                append((key: key, value: newValue))
            }
        }
    }

    /// Removes the member named `key` and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = index(forKey: key) else { return nil }
        let value = members[position].value
        members.remove(at: position)
        index = Self.makeIndex(members)
        return value
    }

    private mutating func append(_ member: Member) {
        members.append(member)
        if index != nil {
            index?[CodeUnitKey(member.key)] = members.count - 1
        } else if members.count > Self.indexThreshold {
            index = Self.makeIndex(members)
        }
    }
}

extension JSONObject: RandomAccessCollection {
    /// The position of the first member.
    public var startIndex: Int { 0 }
    /// The position after the last member.
    public var endIndex: Int { members.count }
    /// The member at `position`.
    public subscript(position: Int) -> Member { members[position] }
}

extension JSONObject: Hashable {
    /// Whether both objects have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (position, member) in lhs.members.enumerated() {
            // Same order is the common case; check it before a lookup.
            if position < rhs.members.count, rhs.members[position].key.hasSameCodeUnits(as: member.key) {
                guard rhs.members[position].value == member.value else { return false }
            } else {
                guard let other = rhs[member.key], other == member.value else { return false }
            }
        }
        return true
    }

    /// Hashes the members independently of their order.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(CodeUnitKey(member.key))
            memberHasher.combine(member.value)
            sum &+= memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(sum)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object in the literal's order; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}
