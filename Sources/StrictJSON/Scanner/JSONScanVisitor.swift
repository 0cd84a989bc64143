/// What the scanner reports while it checks a document, for readers that build something.
///
/// Offsets are absolute byte offsets into the document. `depth` is the number of
/// containers around the value (the top-level value is at depth 0); a container's begin
/// and end events carry its own depth. A string's range includes its quotes; a key is a
/// string with `isKey` set. Every event arrives only after the bytes it covers were
/// checked, and a visitor may throw to stop the scan (for example on a duplicate key).
protocol JSONScanVisitor {
    mutating func beginContainer(isObject: Bool, at offset: Int, depth: Int) throws(JSONError)
    mutating func endContainer(isObject: Bool, at offset: Int, depth: Int) throws(JSONError)
    mutating func string(_ range: Range<Int>, isKey: Bool, hasEscapes: Bool, depth: Int) throws(JSONError)
    mutating func number(_ range: Range<Int>, depth: Int) throws(JSONError)
    mutating func literal(_ literal: JSONLiteral, at offset: Int, depth: Int) throws(JSONError)
}

/// One of the three literal names of RFC 8259 §3.
enum JSONLiteral: UInt8, Sendable, Hashable {
    case `true`, `false`, null

    /// The literal's bytes, packed little-endian, so a 4-byte compare checks most of it.
    var packed: UInt64 {
        switch self {
        case .true: 0x65_75_72_74
        case .false: 0x65_73_6C_61_66
        case .null: 0x6C_6C_75_6E
        }
    }

    var length: Int { self == .false ? 5 : 4 }

    var text: String {
        switch self {
        case .true: "true"
        case .false: "false"
        case .null: "null"
        }
    }
}

/// A visitor that ignores everything: the validators use it, so the compiler removes every event.
struct IgnoringVisitor: JSONScanVisitor {
    @inline(__always) mutating func beginContainer(isObject: Bool, at offset: Int, depth: Int) {}
    @inline(__always) mutating func endContainer(isObject: Bool, at offset: Int, depth: Int) {}
    @inline(__always) mutating func string(_ range: Range<Int>, isKey: Bool, hasEscapes: Bool, depth: Int) {}
    @inline(__always) mutating func number(_ range: Range<Int>, depth: Int) {}
    @inline(__always) mutating func literal(_ literal: JSONLiteral, at offset: Int, depth: Int) {}
}
