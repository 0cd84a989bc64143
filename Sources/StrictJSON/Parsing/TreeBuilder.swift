/// The scanner visitor that builds a ``JSONValue`` tree without recursion.
///
/// Finished values wait on a stack; a container's end moves its elements (and keys) off
/// the stacks into one array. Depth is bounded by the scanner, not by the call stack.
/// Keys come from a ``KeyCache`` when they repeat an earlier object's, and their
/// ``KeyShape``s settle most duplicate checks without comparing strings.
struct TreeBuilder: JSONScanVisitor {
    private struct Frame {
        var valueStart: Int
        var keyStart: Int
    }

    /// Where a key starts, for errors, and its shape, for the duplicate check.
    private struct KeyMark {
        var offset: Int
        var shape: KeyShape
    }

    private let document: UnsafeRawPointer
    private let policy: JSONOptions.DuplicateKeyPolicy
    private let values = MoveStack<JSONValue>()
    private let keys = MoveStack<String>(capacity: 16)
    private var keyMarks: [KeyMark] = []
    private var frames: [Frame] = []
    private var strings = StringDecoder()
    private var keyCache = KeyCache()

    init(document: UnsafeRawPointer, policy: JSONOptions.DuplicateKeyPolicy) {
        self.document = document
        self.policy = policy
    }

    /// The finished tree, once the scanner has accepted the whole document.
    func result() -> JSONValue {
        values.popLast() ?? .null
    }

    mutating func beginContainer(isObject: Bool, at offset: Int, depth: Int) {
        frames.append(Frame(valueStart: values.count, keyStart: keys.count))
    }

    mutating func endContainer(isObject: Bool, at offset: Int, depth: Int) throws(JSONError) {
        guard let frame = frames.popLast() else { return }
        guard isObject else {
            values.push(.array(values.popArray(from: frame.valueStart)))
            return
        }
        let count = values.count - frame.valueStart
        var index: [CodeUnitKey: Int]?
        let members: [JSONObject.Member]
        if !hasDistinctShapes(count: count), let survivors = try survivingPositions(frame, count: count, index: &index) {
            members = survivors.map { (key: keys.element(at: frame.keyStart + $0), value: values.element(at: frame.valueStart + $0)) }
            keys.removeAll(from: frame.keyStart)
            values.removeAll(from: frame.valueStart)
        } else {
            var moved = [JSONObject.Member].empty(capacity: count)
            for position in 0..<count {
                moved.append((key: keys.take(frame.keyStart + position), value: values.take(frame.valueStart + position)))
            }
            members = moved
            keys.truncate(to: frame.keyStart)
            values.truncate(to: frame.valueStart)
        }
        keyMarks.removeLast(count)
        values.push(.object(JSONObject(uniqueMembers: members, index: index)))
    }

    /// The positions of the members the duplicate-key policy keeps, or `nil` when every
    /// key is unique; `index` receives key to position when one was built.
    ///
    /// Kept apart from ``endContainer(isObject:at:depth:)`` because its closures' captures
    /// cost retains that objects with distinct key shapes should not pay.
    private func survivingPositions(_ frame: Frame, count: Int, index: inout [CodeUnitKey: Int]?) throws(JSONError) -> [Int]? {
        let (keys, keyMarks) = (self.keys, self.keyMarks)
        return try DuplicateKeyResolver.survivors(
            keys: { keys.element(at: frame.keyStart + $0) }, count: count,
            keyOffset: { keyMarks[keyMarks.count - count + $0].offset }, policy: policy, index: &index)
    }

    /// Whether the last `count` keys, in an object small enough to compare pairwise, have
    /// pairwise different shapes and so are unique without comparing strings.
    private func hasDistinctShapes(count: Int) -> Bool {
        guard count > 1 else { return true }
        guard count <= DuplicateKeyResolver.pairwiseLimit else { return false }
        return keyMarks.withUnsafeBufferPointer { marks in
            let start = marks.count - count
            for later in (start + 1)..<marks.count {
                for earlier in start..<later where marks[earlier].shape == marks[later].shape { return false }
            }
            return true
        }
    }

    mutating func string(_ range: Range<Int>, isKey: Bool, hasEscapes: Bool, depth: Int) {
        guard isKey else {
            values.push(.string(strings.decode(document, range, hasEscapes: hasEscapes)))
            return
        }
        let key: String
        let shape: KeyShape
        if hasEscapes {
            var decoded = strings.decode(document, range, hasEscapes: true)
            shape = decoded.withUTF8 { KeyShape(UnsafeRawBufferPointer($0)) }
            key = decoded
        } else {
            let body = UnsafeRawBufferPointer(start: document + range.lowerBound + 1, count: range.count - 2)
            shape = KeyShape(body)
            let position = keys.count - (frames.last?.keyStart ?? 0)
            key = keyCache.key(body, shape: shape, depth: depth, position: position, make: StringDecoder.string)
        }
        keys.push(key)
        keyMarks.append(KeyMark(offset: range.lowerBound, shape: shape))
    }

    mutating func number(_ range: Range<Int>, depth: Int) {
        let text = StringDecoder.string(UnsafeRawBufferPointer(start: document + range.lowerBound, count: range.count))
        values.push(.number(JSONNumber(uncheckedText: text)))
    }

    mutating func literal(_ literal: JSONLiteral, at offset: Int, depth: Int) {
        switch literal {
        case .true: values.push(.bool(true))
        case .false: values.push(.bool(false))
        case .null: values.push(.null)
        }
    }
}
