/// Keyed containers that the root ``JSONBytesDecoder`` hands out again once their last
/// user let go of them, one per depth of the coding path.
///
/// `KeyedDecodingContainer.init` allocates a box for every container and, called from the
/// unspecialized `Decoder.container(keyedBy:)`, looks up the box's and the container's
/// generic metadata and a witness table: for an array of small records that was the largest
/// cost per record after reading the bytes. A container whose box nobody else references
/// (the record's `init(from:)` returned) can instead be pointed at the next object and
/// returned as it is.
///
/// Reuse needs the box's reference count, which only the box reference inside
/// `KeyedDecodingContainer` has. The standard library stores nothing else there, and
/// ``isAvailable`` checks that at run time, so a change in that layout turns reuse off
/// instead of misreading memory.
final class ReusableKeyedContainers {
    /// One reusable container: its key type, its box, and the object it reads now.
    final class Slot {
        /// The object's `{`.
        var start = 0
        /// How much of the decoder's coding path is the container's.
        var depth = 0
        /// `ObjectIdentifier(Key.self)` of the container in ``box``.
        var keyType: ObjectIdentifier?
        /// The `KeyedDecodingContainer`'s box, or `nil` before the first container.
        var box: AnyObject?
    }

    private static let slotCount = 8
    private let slots: [Slot]

    init() {
        slots = (0..<Self.slotCount).map { _ in Slot() }
    }

    /// Whether a `KeyedDecodingContainer` is exactly one strong reference to its box.
    static let isAvailable: Bool = {
        guard MemoryLayout<KeyedDecodingContainer<JSONCodingKey>>.size == MemoryLayout<AnyObject>.size,
            MemoryLayout<KeyedDecodingContainer<JSONCodingKey>>.alignment == MemoryLayout<AnyObject>.alignment
        else { return false }
        // A container made here is referenced once; its copy must raise that count by one,
        // which only holds if the word is the box's retained reference.
        let container = KeyedDecodingContainer(Probe())
        var box = unsafeBitCast(container, to: AnyObject.self)
        return !isKnownUniquelyReferenced(&box) && String(describing: type(of: box)).contains("KeyedDecodingContainerBox")
    }()

    /// A container of nothing, for ``isAvailable``.
    private struct Probe: KeyedDecodingContainerProtocol {
        var codingPath: [any CodingKey] { [] }
        var allKeys: [JSONCodingKey] { [] }
        func contains(_ key: JSONCodingKey) -> Bool { false }
        func decodeNil(forKey key: JSONCodingKey) throws -> Bool { true }
        func decode<T: Decodable>(_ type: T.Type, forKey key: JSONCodingKey) throws -> T { throw CancellationError() }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: JSONCodingKey) throws -> KeyedDecodingContainer<NestedKey> {
            throw CancellationError()
        }
        func nestedUnkeyedContainer(forKey key: JSONCodingKey) throws -> any UnkeyedDecodingContainer { throw CancellationError() }
        func superDecoder() throws -> any Decoder { throw CancellationError() }
        func superDecoder(forKey key: JSONCodingKey) throws -> any Decoder { throw CancellationError() }
    }

    /// A container for the object at `start`: the slot's own again when nobody else holds
    /// it, otherwise a new one, kept for next time when the slot is free.
    @inline(__always)
    func container<Key: CodingKey>(
        keyedBy type: Key.Type, decoder: JSONBytesDecoder, start: Int, depth: Int
    ) -> KeyedDecodingContainer<Key> {
        let slot = slots[depth & (Self.slotCount - 1)]
        let isFree = isKnownUniquelyReferenced(&slot.box)
        if isFree, let box = slot.box, slot.keyType == ObjectIdentifier(type) {
            slot.start = start
            slot.depth = depth
            return unsafeBitCast(box, to: KeyedDecodingContainer<Key>.self)
        }
        guard isFree || slot.box == nil else {
            // Still in use, say by an enclosing object deeper than the slots or by a
            // sibling read interleaved: this container is not reused.
            return KeyedDecodingContainer(JSONBytesDecoder.KeyedContainer<Key>(decoder: decoder, start: start, depth: depth, slot: nil))
        }
        slot.start = start
        slot.depth = depth
        let container = KeyedDecodingContainer(JSONBytesDecoder.KeyedContainer<Key>(decoder: decoder, start: start, depth: depth, slot: slot))
        slot.keyType = ObjectIdentifier(type)
        slot.box = unsafeBitCast(container, to: AnyObject.self)
        return container
    }

    /// Drops the boxes, which reference the decoder that references this: the cycle
    /// would otherwise keep both alive after the decode.
    func removeAll() {
        for slot in slots {
            slot.box = nil
            slot.keyType = nil
        }
    }
}
