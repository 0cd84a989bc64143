/// Finds the element ranges of an array in bytes that are already known to be valid JSON,
/// by tracking only strings and bracket depth.
///
/// ``LogSplitter`` validates each body whole while it finds the top-level members; a second
/// validating scan of the split array (``JSONSpans/elements(ofArrayAt:in:options:)``) would
/// check the same bytes again and cost as much as the first. This scan does no checking, so
/// it is only ever given a range that the first scan validated, and it is tested to agree with
/// `JSONSpans` on every array. It never reads outside `range`, whatever the bytes are.
enum ValidatedArrayScanner {
    /// The exact range of each element (no surrounding whitespace) of the array whose bytes
    /// are exactly `range`, from its `[` to its `]`; `nil` when `range` does not hold an array.
    static func elements(ofArrayAt range: Range<Int>, in body: [UInt8]) -> [Range<Int>]? {
        guard range.count >= 2, range.lowerBound >= 0, range.upperBound <= body.count,
            body[range.lowerBound] == UInt8(ascii: "["), body[range.upperBound - 1] == UInt8(ascii: "]")
        else { return nil }
        return body.withUnsafeBufferPointer { bytes in
            // Invariants: `index < end` before every read, so no read leaves the array's
            // brackets; `depth` counts containers opened inside the array; `last` is the
            // position of the last byte of the current element seen so far.
            var ranges: [Range<Int>] = []
            var index = range.lowerBound + 1
            let end = range.upperBound - 1
            var depth = 0
            var start = -1
            var last = -1
            while index < end {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    if start < 0 { start = index }
                    index += 1
                    while index < end, bytes[index] != UInt8(ascii: "\"") {
                        index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    last = index
                case 0x20, 0x09, 0x0A, 0x0D:
                    break
                case UInt8(ascii: ","):
                    if depth == 0 {
                        if start >= 0 { ranges.append(start..<(last + 1)) }
                        start = -1
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if start < 0 { start = index }
                    depth += 1
                    last = index
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    last = index
                default:
                    if start < 0 { start = index }
                    last = index
                }
                index += 1
            }
            if start >= 0 { ranges.append(start..<min(last + 1, end)) }
            return ranges
        }
    }
}
