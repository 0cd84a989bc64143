/// An object key compared the way RFC 8259 §8.3 describes as interoperable: code unit by
/// code unit. Swift's `String ==` uses canonical equivalence instead, under which `"é"`
/// (U+00E9) equals `"e\u{301}"` — two different JSON names (found by fuzzing).
struct CodeUnitKey: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (lhs: CodeUnitKey, rhs: CodeUnitKey) -> Bool { lhs.string.hasSameCodeUnits(as: rhs.string) }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = string.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in string.utf8 { hasher.combine(byte) }
        }
        hasher.combine(string.utf8.count)
    }
}

extension String {
    /// Whether both strings have the same UTF-8 code units (not merely canonically equivalent).
    @inline(__always)
    func hasSameCodeUnits(as other: String) -> Bool { utf8.elementsEqual(other.utf8) }
}
