/// The validated bytes that ``JSONBytesDecoder`` reads, and the cursor moves it needs.
///
/// Invariant: `base[0..<count]` is one document that ``JSONScanner`` accepted with
/// ``options``, followed by `padding` zero bytes. So every read trusts the grammar (a `"`
/// opens a string that closes, a `{` has its `}`, a number is followed by a non-number
/// byte) and eight-byte loads that start inside the document never leave the allocation.
/// The bytes are a private copy, so a decoder that outlives the call still reads valid memory.
final class DecodingDocument {
    private static let padding = 8
    private static let cacheSlots = 64
    private static let tableSlots = 32

    let base: UnsafeRawPointer
    let count: Int
    let options: JSONOptions
    let userInfo: [CodingUserInfoKey: Any]
    /// The top-level value's first byte.
    let rootStart: Int
    /// Value extents found so far, direct-mapped by start offset, so that stepping over a
    /// value that was just decoded does not scan it again.
    private let extents: UnsafeMutablePointer<(start: Int, end: Int)>
    /// Member tables of the objects decoded last, direct-mapped by depth; see ``members(ofObjectAt:depth:)``.
    private let tables: UnsafeMutablePointer<ObjectMembers>
    var strings = StringDecoder()

    init(copying bytes: UnsafeRawBufferPointer, options: JSONOptions, userInfo: [CodingUserInfoKey: Any]) {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + Self.padding, alignment: 8)
        if let source = bytes.baseAddress { storage.copyMemory(from: source, byteCount: bytes.count) }
        (storage + bytes.count).initializeMemory(as: UInt8.self, repeating: 0, count: Self.padding)
        base = UnsafeRawPointer(storage)
        count = bytes.count
        self.options = options
        self.userInfo = userInfo
        extents = .allocate(capacity: Self.cacheSlots)
        extents.initialize(repeating: (-1, -1), count: Self.cacheSlots)
        tables = .allocate(capacity: Self.tableSlots)
        tables.initialize(repeating: ObjectMembers(), count: Self.tableSlots)
        var start = 0
        if bytes.count >= 3 && storage.load(as: UInt8.self) == 0xEF { start = 3 }  // A BOM the options allowed.
        while ByteClass.isWhitespace(storage.load(fromByteOffset: start, as: UInt8.self)) { start += 1 }
        rootStart = start
    }

    /// A one-value document for values that are not in the bytes, such as a missing `super`.
    ///
    /// A `StaticString`, because its bytes stay valid: the pointer that `String.withUTF8`
    /// gives its closure may point at a temporary copy of a small string.
    convenience init(literal text: StaticString, options: JSONOptions, userInfo: [CodingUserInfoKey: Any]) {
        self.init(copying: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), options: options, userInfo: userInfo)
    }

    deinit {
        UnsafeMutableRawPointer(mutating: base).deallocate()
        extents.deallocate()
        tables.deinitialize(count: Self.tableSlots)
        tables.deallocate()
    }

    /// The member table of the object whose `{` is at `start`, at `depth` in the coding path.
    ///
    /// Keyed containers keep only the object's start and look their table up here, so an
    /// object costs no table allocation and a container copy (which the standard library's
    /// box makes on every call) retains one reference. A table is rebuilt when another
    /// object took its slot, which only happens when containers are used interleaved or
    /// nest deeper than there are slots.
    /// The pointer is valid until the next call.
    @inline(__always)
    func members(ofObjectAt start: Int, depth: Int) -> UnsafeMutablePointer<ObjectMembers> {
        let table = tables + depth % Self.tableSlots
        if table.pointee.start != start { table.pointee.load(at: start, in: self) }
        return table
    }

    @inline(__always)
    func byte(_ offset: Int) -> UInt8 { base.load(fromByteOffset: offset, as: UInt8.self) }

    @inline(__always)
    private func word(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    func skipWhitespace(from offset: Int) -> Int {
        var p = offset
        while ByteClass.isWhitespace(byte(p)) { p += 1 }
        return p
    }

    /// Records that the value starting at `start` ends before `end`.
    @inline(__always)
    func remember(_ start: Int, _ end: Int) {
        extents[start & (Self.cacheSlots - 1)] = (start, end)
    }

    /// The end of the string whose opening quote is at `start`, and whether its body
    /// has escapes or non-ASCII bytes (either way a byte compare is not a string compare).
    @inline(__always)
    func stringEnd(from start: Int) -> (end: Int, hasEscapes: Bool, isASCII: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var p = start + 1
        var hasEscapes = false
        var high: UInt64 = 0
        while true {
            let word = word(p)
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            // The lowest hit is exact; borrows only add false hits above it.
            let hits = (((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)) & highs
            guard hits != 0 else {
                high |= word & highs
                p += 8
                continue
            }
            let lowest = hits & (0 &- hits)
            high |= word & highs & ((lowest &>> 7) &- 1)
            p += lowest.trailingZeroBitCount &>> 3
            if byte(p) == ByteClass.quote { return (p + 1, hasEscapes, high == 0) }
            // An escape: its second byte (and a \u's hex digits) can be neither `"` nor `\` here.
            hasEscapes = true
            p += 2
        }
    }

    /// The end of the value that starts at `start`.
    func valueEnd(from start: Int) -> Int {
        let cached = extents[start & (Self.cacheSlots - 1)]
        if cached.start == start { return cached.end }
        switch byte(start) {
        case ByteClass.quote: return stringEnd(from: start).end
        case 0x7B, 0x5B: return containerEnd(from: start)
        case 0x74, 0x6E: return start + 4
        case 0x66: return start + 5
        default: return numberEnd(from: start)
        }
    }

    /// The end of the number that starts at `start`, which the scanner accepted: a sign,
    /// digits, then an optional fraction and exponent, each skipped eight digits a step.
    @inline(__always)
    func numberEnd(from start: Int) -> Int {
        var p = digitsEnd(from: start + 1)
        if byte(p) == 0x2E { p = digitsEnd(from: p + 1) }
        if byte(p) | 0x20 == 0x65 {
            p += 1
            if byte(p) == 0x2B || byte(p) == 0x2D { p += 1 }
            p = digitsEnd(from: p)
        }
        return p
    }

    /// The end of the digits from `start`; the word loads stay inside the padding because
    /// a valid number is followed by at least one byte of the document or the padding.
    @inline(__always)
    private func digitsEnd(from start: Int) -> Int {
        var p = start
        while true {
            let misses = ByteClass.nonDigitMask(word(p))
            if misses != 0 { return p + misses.trailingZeroBitCount &>> 3 }
            p += 8
        }
    }

    private func containerEnd(from start: Int) -> Int {
        var depth = 0
        var p = start
        while true {
            switch byte(p) {
            case ByteClass.quote:
                p = stringEnd(from: p).end
                continue
            case 0x7B, 0x5B:
                depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 {
                    remember(start, p + 1)
                    return p + 1
                }
            default: break
            }
            p += 1
        }
    }

    /// The value at `start` as a tree, for error messages and ``JSONValue`` members.
    func value(at start: Int) -> JSONValue {
        var options = options
        options.maxSize = nil
        options.allowByteOrderMark = false
        let bytes = UnsafeRawBufferPointer(start: base + start, count: valueEnd(from: start) - start)
        return (try? JSONParser.parse(bytes, options: options)) ?? .null
    }

    /// The source text of the number at `start`.
    func numberText(at start: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: base + start, count: numberEnd(from: start) - start), as: UTF8.self)
    }

    /// The key of `member`, unescaped.
    func key(_ member: MemberEntry) -> String {
        strings.decode(base, (member.keyStart - 1)..<(member.keyEnd + 1), hasEscapes: member.needsStringCompare)
    }
}
