/// The scanner visitor behind `JSONSpans.topLevelMembers(of:elementsOf:options:)`: what
/// `SpanRecorder` records, plus the element ranges of the top-level members whose names are
/// asked for and whose values are arrays.
struct ElementRecorder: JSONScanVisitor {
    private(set) var spans = SpanRecorder()
    /// For each array recorded, its value range and its elements' ranges.
    private(set) var arrays: [(value: Range<Int>, elements: [Range<Int>])] = []
    private let document: UnsafeRawPointer
    /// The UTF-8 of the names whose arrays are recorded.
    private let names: [[UInt8]]
    private var strings = StringDecoder()
    /// Whether the value of the depth-1 member being read is wanted.
    private var wanted = false
    /// Whether an array being recorded is open at depth 1.
    private var recording = false
    private var arrayStart = 0
    private var elementStart = 0
    private var elements: [Range<Int>] = []

    init(document: UnsafeRawPointer, names: some Sequence<String>) {
        self.document = document
        self.names = names.map { Array($0.utf8) }
    }

    /// Whether the key at `range` is one of the names, compared by code units after unescaping.
    private mutating func isWanted(_ range: Range<Int>, hasEscapes: Bool) -> Bool {
        if hasEscapes {
            let key = strings.decode(document, range, hasEscapes: true)
            return names.contains { key.utf8.elementsEqual($0) }
        }
        let body = UnsafeRawBufferPointer(start: document + range.lowerBound + 1, count: range.count - 2)
        return names.contains { body.elementsEqual($0) }
    }

    @inline(__always)
    private mutating func scalar(_ range: Range<Int>, depth: Int) {
        if depth == 1 {
            wanted = false
        } else if depth == 2 && recording {
            elements.append(range)
        }
    }

    mutating func beginContainer(isObject: Bool, at offset: Int, depth: Int) {
        spans.beginContainer(isObject: isObject, at: offset, depth: depth)
        if depth == 1 {
            recording = wanted && !isObject
            wanted = false
            if recording {
                arrayStart = offset
                elements = []
            }
        } else if depth == 2 && recording {
            elementStart = offset
        }
    }

    mutating func endContainer(isObject: Bool, at offset: Int, depth: Int) {
        spans.endContainer(isObject: isObject, at: offset, depth: depth)
        guard recording else { return }
        if depth == 2 {
            elements.append(elementStart..<(offset + 1))
        } else if depth == 1 {
            arrays.append((arrayStart..<(offset + 1), elements))
            elements = []
            recording = false
        }
    }

    mutating func string(_ range: Range<Int>, isKey: Bool, hasEscapes: Bool, depth: Int) {
        spans.string(range, isKey: isKey, hasEscapes: hasEscapes, depth: depth)
        if isKey && depth == 1 {
            wanted = isWanted(range, hasEscapes: hasEscapes)
        } else {
            scalar(range, depth: depth)
        }
    }

    mutating func number(_ range: Range<Int>, depth: Int) {
        spans.number(range, depth: depth)
        scalar(range, depth: depth)
    }

    mutating func literal(_ literal: JSONLiteral, at offset: Int, depth: Int) {
        spans.literal(literal, at: offset, depth: depth)
        scalar(offset..<(offset + literal.length), depth: depth)
    }
}
