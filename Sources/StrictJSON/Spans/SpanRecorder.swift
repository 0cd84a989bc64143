/// The scanner visitor behind ``JSONSpans``: records the byte ranges of the root value and
/// of its direct children, and nothing deeper.
struct SpanRecorder: JSONScanVisitor {
    /// Where the root value starts, and whether it is an object, an array or a scalar.
    private(set) var rootStart = 0
    private(set) var rootIsObject = false
    private(set) var rootIsArray = false
    /// The root's children: element ranges, or member value ranges in order.
    private(set) var values: [Range<Int>] = []
    /// For an object root, each member's key range and whether that key has escapes.
    private(set) var keys: [(range: Range<Int>, hasEscapes: Bool)] = []
    private var childStart = 0

    mutating func beginContainer(isObject: Bool, at offset: Int, depth: Int) {
        if depth == 1 {
            childStart = offset
        } else if depth == 0 {
            rootStart = offset
            rootIsObject = isObject
            rootIsArray = !isObject
        }
    }

    mutating func endContainer(isObject: Bool, at offset: Int, depth: Int) {
        if depth == 1 { values.append(childStart..<(offset + 1)) }
    }

    mutating func string(_ range: Range<Int>, isKey: Bool, hasEscapes: Bool, depth: Int) {
        if depth == 1 {
            if isKey { keys.append((range, hasEscapes)) } else { values.append(range) }
        } else if depth == 0 {
            rootStart = range.lowerBound
        }
    }

    mutating func number(_ range: Range<Int>, depth: Int) {
        if depth == 1 { values.append(range) } else if depth == 0 { rootStart = range.lowerBound }
    }

    mutating func literal(_ literal: JSONLiteral, at offset: Int, depth: Int) {
        if depth == 1 { values.append(offset..<(offset + literal.length)) } else if depth == 0 { rootStart = offset }
    }
}
