extension JSONSpans {
    /// The range of the top-level value, without the whitespace around it.
    public static func value(in bytes: some Collection<UInt8>, options: JSONOptions = .init()) throws(JSONError) -> Range<Int> {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try value(in: buffer, options: options) }
    }

    /// The members of the object that is the whole document; offsets count from the first byte.
    public static func topLevelMembers(
        of bytes: some Collection<UInt8>, options: JSONOptions = .init()
    ) throws(JSONError) -> [JSONMemberSpan] {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try topLevelMembers(of: buffer, options: options) }
    }

    /// The members of the object that is the whole document, and the elements of those named in
    /// `names` whose values are arrays, in one pass; offsets count from the first byte.
    public static func topLevelMembers(
        of bytes: some Collection<UInt8>, elementsOf names: Set<String>, options: JSONOptions = .init()
    ) throws(JSONError) -> (members: [JSONMemberSpan], elements: [Range<Int>: [Range<Int>]]) {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try topLevelMembers(of: buffer, elementsOf: names, options: options) }
    }

    /// The members of the object at `range`; offsets count from the first byte.
    public static func members(
        ofObjectAt range: Range<Int>, in bytes: some Collection<UInt8>, options: JSONOptions = .init()
    ) throws(JSONError) -> [JSONMemberSpan] {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try members(ofObjectAt: range, in: buffer, options: options) }
    }

    /// The value of the top-level member named `key`; offsets count from the first byte.
    public static func member(
        _ key: String, in bytes: some Collection<UInt8>, options: JSONOptions = .init()
    ) throws(JSONError) -> Range<Int>? {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try member(key, in: buffer, options: options) }
    }

    /// The element ranges of the array at `range`; offsets count from the first byte.
    public static func elements(
        ofArrayAt range: Range<Int>, in bytes: some Collection<UInt8>, options: JSONOptions = .init()
    ) throws(JSONError) -> [Range<Int>] {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try elements(ofArrayAt: range, in: buffer, options: options) }
    }

    /// The element ranges of the array that is the whole document.
    public static func elements(ofArrayIn bytes: some Collection<UInt8>, options: JSONOptions = .init()) throws(JSONError) -> [Range<Int>] {
        try withContiguousBytes(bytes) { (buffer) throws(JSONError) in try elements(ofArrayIn: buffer, options: options) }
    }
}
