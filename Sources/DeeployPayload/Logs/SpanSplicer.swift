/// Builds one body per entry from a body and the arrays being split, by copying bytes: the
/// body with each split array's value replaced by `[` + entry *i* + `]`, everything else
/// exactly as it was.
struct SpanSplicer {
    /// The bytes outside the replaced values, in order; one more than the arrays.
    private let gaps: [Range<Int>]
    /// For each replaced array, in body order, its elements' ranges.
    private let elements: [[Range<Int>]]
    private let body: [UInt8]
    private let gapBytes: Int

    /// `arrays` are the value ranges of distinct top-level members with their element ranges;
    /// every array has the same number of elements.
    init(body: [UInt8], arrays: [(value: Range<Int>, elements: [Range<Int>])]) {
        let sorted = arrays.sorted { $0.value.lowerBound < $1.value.lowerBound }
        var gaps: [Range<Int>] = []
        var start = 0
        for array in sorted {
            gaps.append(start..<array.value.lowerBound)
            start = array.value.upperBound
        }
        gaps.append(start..<body.count)
        self.gaps = gaps
        self.elements = sorted.map(\.elements)
        self.body = body
        self.gapBytes = gaps.reduce(0) { $0 + $1.count }
    }

    /// The body for entry `index`.
    func body(for index: Int) -> [UInt8] {
        var size = gapBytes
        for array in elements { size += array[index].count + 2 }
        return [UInt8](unsafeUninitializedCapacity: size) { output, initialized in
            body.withUnsafeBufferPointer { input in
                // Invariant: every range lies inside `body` (they came from scanning it), and
                // the pieces written add up to `size` exactly, computed above.
                var cursor = 0
                func copy(_ range: Range<Int>) {
                    guard !range.isEmpty, let source = input.baseAddress, let target = output.baseAddress else { return }
                    (target + cursor).initialize(from: source + range.lowerBound, count: range.count)
                    cursor += range.count
                }
                for (position, gap) in gaps.enumerated() {
                    copy(gap)
                    guard position < elements.count else { break }
                    output[cursor] = UInt8(ascii: "[")
                    cursor += 1
                    copy(elements[position][index])
                    output[cursor] = UInt8(ascii: "]")
                    cursor += 1
                }
                initialized = cursor
            }
        }
    }
}
