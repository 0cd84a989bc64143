extension JSONScanner {
    /// Scans `range` of `document` as one complete JSON text and reports its events.
    ///
    /// The container stack lives on the stack for every depth limit up to a few thousand
    /// (its size is bounded by both the limit and the byte count), so this allocates nothing
    /// of its own. Errors come back with line and column computed in `document`.
    static func scanDocument<Visitor: JSONScanVisitor>(
        _ document: UnsafeRawBufferPointer,
        range: Range<Int>? = nil,
        options: JSONOptions,
        maxDepthCap: Int = .max,
        visitor: inout Visitor
    ) throws(JSONError) {
        let range = range ?? 0..<document.count
        var scanner = JSONScanner(options: options, startOffset: range.lowerBound, maxDepthCap: maxDepthCap)
        let words = scanner.stackWords(forMore: range.count)
        let slice = UnsafeRawBufferPointer(rebasing: document[range])
        do {
            try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { (stack) throws(JSONError) in
                guard let base = stack.baseAddress else { return }
                try scanner.scan(slice, stack: base, visitor: &visitor)
                try scanner.finish(visitor: &visitor)
            }
        } catch {
            throw error.located(in: document)
        }
    }
}

/// Runs `body` on the bytes of any collection, copying only when they are not contiguous.
@inline(__always)
func withContiguousBytes<Bytes: Collection<UInt8>, Result>(
    _ bytes: Bytes,
    _ body: (UnsafeRawBufferPointer) throws(JSONError) -> Result
) throws(JSONError) -> Result {
    var outcome: Swift.Result<Result, JSONError>?
    bytes.withContiguousStorageIfAvailable { buffer in
        outcome = Swift.Result { () throws(JSONError) in try body(UnsafeRawBufferPointer(buffer)) }
    }
    if let outcome { return try outcome.get() }
    let copy = Array(bytes)
    return try copy.withUnsafeBytes { buffer in
        Swift.Result { () throws(JSONError) in try body(buffer) }
    }.get()
}
