/// A decoded key's length and its first and last eight bytes (overlapping, zero-padded
/// when shorter than eight): the key itself for keys up to 16 bytes, a cheap filter for
/// longer ones.
///
/// Two keys with different shapes have different code units, so an object whose shapes
/// are pairwise different has unique keys without comparing a single string.
struct KeyShape: Equatable {
    /// The longest key a shape holds exactly.
    static let exactLength = 16

    let length: Int
    let head: UInt64
    let tail: UInt64

    /// The shape of the UTF-8 code units in `bytes`; reads nothing outside them.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer) {
        length = bytes.count
        if length >= 8, let base = bytes.baseAddress {
            head = base.loadUnaligned(as: UInt64.self)
            tail = base.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        } else {
            var word: UInt64 = 0
            for index in 0..<length { word |= UInt64(bytes[index]) &<< UInt64(8 * index) }
            (head, tail) = (word, 0)
        }
    }

    /// Whether equal shapes mean equal keys.
    var isExact: Bool { length <= Self.exactLength }
}
