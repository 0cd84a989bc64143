/// The keys built most recently, one per depth and position in an object, so that an
/// array of records builds each of its repeated keys once and later objects share it.
///
/// A hit needs the same shape and, for keys longer than a shape holds, the same bytes.
/// Only keys without escapes are cached, because only their bytes are their code units.
struct KeyCache {
    private struct Entry {
        var shape: KeyShape
        var key: String
    }

    private static let depths = 4
    private static let positions = 16
    private var entries: [Entry?] = []

    /// The key whose code units are `bytes` at `position` in an object at `depth`,
    /// built with `make` unless the same slot already holds it.
    @inline(__always)
    mutating func key(
        _ bytes: UnsafeRawBufferPointer, shape: KeyShape, depth: Int, position: Int, make: (UnsafeRawBufferPointer) -> String
    ) -> String {
        if entries.isEmpty { entries = Array(repeating: nil, count: Self.depths * Self.positions) }
        let slot = (depth % Self.depths) * Self.positions + position % Self.positions
        if let entry = entries[slot], entry.shape == shape, shape.isExact || Self.has(entry.key, bytes) {
            return entry.key
        }
        let key = make(bytes)
        entries[slot] = Entry(shape: shape, key: key)
        return key
    }

    /// Whether `key`'s code units are `bytes`.
    private static func has(_ key: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var key = key
        return key.withUTF8 { $0.elementsEqual(bytes) }
    }
}
