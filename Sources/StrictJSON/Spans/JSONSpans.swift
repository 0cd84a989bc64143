/// Byte ranges of values inside a JSON document, found without building a tree.
///
/// Every function validates the whole document (or the whole range it is given) in the
/// same single pass that records the ranges, and rejects invalid JSON with the same
/// ``JSONError`` as ``JSONValidator``. A span is always exactly the bytes of one complete
/// value, without surrounding whitespace. Only keys are turned into strings; values never
/// are. ``JSONOptions/duplicateKeys`` applies to the members of the object asked about.
///
/// ```swift
/// let body = Array(#"{"instances": [[1, 2], [3, 4]]}"#.utf8)
/// if let instances = try JSONSpans.member("instances", in: body) {
///     for element in try JSONSpans.elements(ofArrayAt: instances, in: body) {
///         print(String(decoding: body[element], as: UTF8.self))  // [1, 2] then [3, 4]
///     }
/// }
/// ```
public enum JSONSpans {
    /// The range of the top-level value, without the whitespace around it.
    public static func value(in bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()) throws(JSONError) -> Range<Int> {
        var recorder = SpanRecorder()
        try JSONScanner.scanDocument(bytes, options: options, visitor: &recorder)
        return recorder.rootStart..<valueEnd(in: bytes, before: bytes.count)
    }

    /// The members of the object that is the whole document.
    ///
    /// Throws ``JSONError/Kind/unexpectedType`` when the document is valid but not an object.
    public static func topLevelMembers(
        of bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()
    ) throws(JSONError) -> [JSONMemberSpan] {
        try members(ofObjectAt: 0..<bytes.count, in: bytes, options: options)
    }

    /// The members of the object whose bytes are `range` (whitespace around it allowed).
    ///
    /// `range` is clamped to the buffer; errors are located in the whole buffer.
    public static func members(
        ofObjectAt range: Range<Int>, in bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()
    ) throws(JSONError) -> [JSONMemberSpan] {
        let range = range.clamped(to: 0..<bytes.count)
        let recorder = try record(range, in: bytes, options: options, expecting: .object)
        return try members(recorder, in: bytes, options: options)
    }

    /// The members of the object that is the whole document, and the elements of those
    /// members named in `names` whose values are arrays, found in the same single pass.
    ///
    /// The same as `topLevelMembers(of:options:)` followed by `elements(ofArrayAt:in:options:)`
    /// for each such member, without the second pass over the arrays. `elements` holds an entry for each member named
    /// in `names` whose value is an array, keyed by the value's range (so a repeated name that
    /// ``JSONOptions/duplicateKeys`` keeps has its own); a member whose value is not an array
    /// has none.
    public static func topLevelMembers(
        of bytes: UnsafeRawBufferPointer, elementsOf names: Set<String>, options: JSONOptions = .init()
    ) throws(JSONError) -> (members: [JSONMemberSpan], elements: [Range<Int>: [Range<Int>]]) {
        guard let base = bytes.baseAddress else { return (try topLevelMembers(of: bytes, options: options), [:]) }
        var recorder = ElementRecorder(document: base, names: names)
        try JSONScanner.scanDocument(bytes, options: options, visitor: &recorder)
        try checkRoot(recorder.spans, in: bytes, expecting: .object)
        var elements: [Range<Int>: [Range<Int>]] = [:]
        for array in recorder.arrays { elements[array.value] = array.elements }
        return (try members(recorder.spans, in: bytes, options: options), elements)
    }

    /// The member spans of a recorded object, with ``JSONOptions/duplicateKeys`` applied.
    private static func members(_ recorder: SpanRecorder, in bytes: UnsafeRawBufferPointer, options: JSONOptions) throws(JSONError) -> [JSONMemberSpan] {
        guard let base = bytes.baseAddress else { return [] }
        var strings = StringDecoder()
        var spans = [JSONMemberSpan]()
        spans.reserveCapacity(recorder.keys.count)
        for (key, value) in zip(recorder.keys, recorder.values) {
            spans.append(
                JSONMemberSpan(key: strings.decode(base, key.range, hasEscapes: key.hasEscapes), keyRange: key.range, valueRange: value))
        }
        var index: [CodeUnitKey: Int]?
        do throws(JSONError) {
            let survivors = try DuplicateKeyResolver.survivors(
                keys: { spans[$0].key }, count: spans.count, keyOffset: { spans[$0].keyRange.lowerBound },
                policy: options.duplicateKeys, index: &index)
            return survivors.map { $0.map { spans[$0] } } ?? spans
        } catch {
            // The resolver knows only the offset; lines and columns are 1-based, as for every other error.
            throw error.located(in: bytes)
        }
    }

    /// The value of the top-level object's member named `key`, or `nil` when there is no
    /// such member or the document is not an object.
    ///
    /// Under `.keepFirst` the first occurrence wins, under `.keepLast` (the default) the last;
    /// under `.reject` a repeated key anywhere in the top-level object is an error.
    public static func member(
        _ key: String, in bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()
    ) throws(JSONError) -> Range<Int>? {
        var recorder = SpanRecorder()
        try JSONScanner.scanDocument(bytes, options: options, visitor: &recorder)
        guard recorder.rootIsObject, let base = bytes.baseAddress else { return nil }
        if options.duplicateKeys == .reject {
            return try members(ofObjectAt: 0..<bytes.count, in: bytes, options: options).first { $0.key.hasSameCodeUnits(as: key) }?.valueRange
        }
        var strings = StringDecoder()
        let wanted = Array(key.utf8)
        var found: Range<Int>?
        for (position, candidate) in recorder.keys.enumerated() {
            let matches: Bool
            if candidate.hasEscapes {
                matches = strings.decode(base, candidate.range, hasEscapes: true).hasSameCodeUnits(as: key)
            } else {
                let body = UnsafeRawBufferPointer(rebasing: bytes[(candidate.range.lowerBound + 1)..<(candidate.range.upperBound - 1)])
                matches = body.elementsEqual(wanted)
            }
            if matches {
                found = recorder.values[position]
                if options.duplicateKeys == .keepFirst { break }
            }
        }
        return found
    }

    /// The exact range of each element of the array whose bytes are `range` (whitespace
    /// around it allowed), in order.
    ///
    /// Throws ``JSONError/Kind/unexpectedType`` when the range holds valid JSON that is not
    /// an array. `range` is clamped to the buffer; errors are located in the whole buffer.
    public static func elements(
        ofArrayAt range: Range<Int>, in bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()
    ) throws(JSONError) -> [Range<Int>] {
        try record(range.clamped(to: 0..<bytes.count), in: bytes, options: options, expecting: .array).values
    }

    /// The exact range of each element of the array that is the whole document.
    public static func elements(ofArrayIn bytes: UnsafeRawBufferPointer, options: JSONOptions = .init()) throws(JSONError) -> [Range<Int>] {
        try elements(ofArrayAt: 0..<bytes.count, in: bytes, options: options)
    }

    private enum Container {
        case object, array
    }

    private static func record(
        _ range: Range<Int>, in bytes: UnsafeRawBufferPointer, options: JSONOptions, expecting container: Container
    ) throws(JSONError) -> SpanRecorder {
        var recorder = SpanRecorder()
        try JSONScanner.scanDocument(bytes, range: range, options: options, visitor: &recorder)
        try checkRoot(recorder, in: bytes, expecting: container)
        return recorder
    }

    /// Throws ``JSONError/Kind/unexpectedType`` unless the recorded root is `container`.
    private static func checkRoot(_ recorder: SpanRecorder, in bytes: UnsafeRawBufferPointer, expecting container: Container) throws(JSONError) {
        let matches = container == .object ? recorder.rootIsObject : recorder.rootIsArray
        guard matches else {
            let found = bytes[recorder.rootStart]
            throw JSONError(
                .unexpectedType, at: recorder.rootStart,
                expected: container == .object ? "an object" : "an array", found: found
            ).located(in: bytes)
        }
    }

    private static func valueEnd(in bytes: UnsafeRawBufferPointer, before end: Int) -> Int {
        var end = end
        while end > 0 && ByteClass.isWhitespace(bytes[end - 1]) { end -= 1 }
        return end
    }
}
