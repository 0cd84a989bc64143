/// The scanner visitor that builds a ``JSONValue`` tree without recursion.
///
/// Finished values wait on a stack; a container's end moves its elements (and keys) off
/// the stacks into one array. Depth is bounded by the scanner, not by the call stack.
struct TreeBuilder: JSONScanVisitor {
    private struct Frame {
        var valueStart: Int
        var keyStart: Int
    }

    private let document: UnsafeRawPointer
    private let policy: JSONOptions.DuplicateKeyPolicy
    private let values = MoveStack<JSONValue>()
    private let keys = MoveStack<String>(capacity: 16)
    private var keyOffsets: [Int] = []
    private var frames: [Frame] = []
    private var strings = StringDecoder()

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
        let (keys, values) = (self.keys, self.values)
        var index: [CodeUnitKey: Int]?
        // Offsets are only read to report a duplicate; reading them through `self` avoids
        // copying the array on every object.
        let survivors = try DuplicateKeyResolver.survivors(
            keys: { keys.element(at: frame.keyStart + $0) }, count: count,
            keyOffset: { self.keyOffsets[self.keyOffsets.count - count + $0] }, policy: policy, index: &index)
        let members: [JSONObject.Member]
        if let survivors {
            members = survivors.map { (key: keys.element(at: frame.keyStart + $0), value: values.element(at: frame.valueStart + $0)) }
            keys.removeAll(from: frame.keyStart)
            values.removeAll(from: frame.valueStart)
        } else {
            members = [JSONObject.Member](unsafeUninitializedCapacity: count) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                for position in 0..<count {
                    (base + position).initialize(
                        to: (key: keys.take(frame.keyStart + position), value: values.take(frame.valueStart + position)))
                }
                initialized = count
            }
            keys.truncate(to: frame.keyStart)
            values.truncate(to: frame.valueStart)
        }
        self.keyOffsets.removeLast(count)
        values.push(.object(JSONObject(uniqueMembers: members, index: index)))
    }

    mutating func string(_ range: Range<Int>, isKey: Bool, hasEscapes: Bool, depth: Int) {
        let string = strings.decode(document, range, hasEscapes: hasEscapes)
        if isKey {
            keys.push(string)
            keyOffsets.append(range.lowerBound)
        } else {
            values.push(.string(string))
        }
    }

    mutating func number(_ range: Range<Int>, depth: Int) {
        let text = String(decoding: UnsafeRawBufferPointer(start: document + range.lowerBound, count: range.count), as: UTF8.self)
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
