/// A one-pass check for the common shape of a whole document in memory, in front of the
/// scanner.
///
/// It answers only "certainly valid": anything it does not handle in a straight line (an
/// error, a byte-order mark, a surrogate escape, more than 64 levels of nesting, a number
/// or literal that ends the input) makes it return `false`, and ``JSONValidator`` then runs
/// ``JSONScanner`` over the document, which decides and reports the error. So it must never
/// accept what the scanner rejects; it reuses the scanner's own escape and plain-run checks
/// and its number check for all but the common number shapes, and adds the grammar between
/// tokens. Unlike the scanner it need not stop at any byte and resume, which is what makes
/// it faster: no state to store per token and no dispatch on a mode.
///
/// Each token's end waits for the previous one's, so the time to find it is paid in full:
/// numbers come from one window of loads, strings from a bit mask of the bytes where they
/// may stop (``StringStopBlock``) that later strings reuse. Inside an array, a run of numbers
/// is checked 64 bytes at a time on bit masks instead (``NumberArrayBlock``), with no wait
/// from one number to the next.
enum ValidatorFastPath {
    /// Whether `bytes` are certainly one JSON text with at most `maxDepth` levels of nesting.
    static func accepts(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) -> Bool {
        var keys = IgnoringKeys()
        return accepts(bytes, maxDepth: maxDepth, keys: &keys)
    }

    /// ``accepts(_:maxDepth:)``, telling `keys` of each object's opening, keys and end.
    @inline(__always)
    static func accepts<Keys: FastPathKeyObserver>(_ bytes: UnsafeRawBufferPointer, maxDepth: Int, keys: inout Keys) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let end = bytes.count
        @inline(__always) func byte(_ index: Int) -> UInt8 { base.assumingMemoryBound(to: UInt8.self)[index] }
        // Trailing whitespace comes off first, so the text ends at `last`, a byte that is not
        // whitespace: a skip that starts at or before it stops at or before it, with no
        // bounds check per byte.
        var last = end &- 1
        while last >= 0 && ByteClass.isWhitespace(byte(last)) { last &-= 1 }
        guard last >= 0 else { return false }
        @inline(__always) func skipWhitespace(_ index: inout Int) {
            while ByteClass.isWhitespace(byte(index)) { index &+= 1 }
        }
        // Invariant: `p` indexes the next unchecked byte, and `p <= last` wherever a
        // value, key or separator must follow.
        var p = 0
        // The open containers, innermost in bit 0 (1 = object); 64 levels fit in a register.
        var objects: UInt64 = 0
        var depth = 0
        let depthLimit = maxDepth < 64 ? maxDepth : 64
        var strings = StringStopBlock()
        // Where an array's values may next be read as a block of numbers: a block that could
        // not be read sends the next try 128 bytes on, and each one after that twice as far (up
        // to 4 KiB), so arrays the blocks cannot take (of numbers with exponents, of a few
        // numbers in objects) pay for few tries. With a try every 64 bytes, an array of numbers
        // with exponents was validated a quarter slower than with no blocks at all (747 → 943 µs
        // for 580 KB).
        var nextBlock = 0
        var blockMisses = 0

        value: while true {
            skipWhitespace(&p)
            let c = byte(p)
            if c == ByteClass.quote {
                guard let stringEnd = Self.stringEnd(base, from: p &+ 1, count: end, block: &strings) else { return false }
                p = stringEnd
            } else if ByteClass.isDigit(c) || c == 0x2D {  // -
                guard let numberEnd = Self.numberEnd(base, from: p, count: end) else { return false }
                p = numberEnd
            } else if c | 0x20 == 0x7B {  // [ {
                guard depth < depthLimit, p < last else { return false }
                let isObject = c == 0x7B
                objects = objects &<< 1 | (isObject ? 1 : 0)
                depth &+= 1
                p &+= 1
                if isObject { keys.openObject() }
                skipWhitespace(&p)
                if byte(p) != c &+ 2 {  // ] }
                    if isObject {
                        guard let valueStart = Self.memberValueStart(base, from: p, last: last, count: end, block: &strings, keys: &keys) else { return false }
                        p = valueStart
                        continue value
                    }
                    // An array: a run of numbers in it is read 64 bytes at a time, block after
                    // block, while they take it.
                    var closed = false
                    var next = byte(p)
                    while p >= nextBlock && end &- p >= 64 && (ByteClass.isDigit(next) || next == 0x2D || next == 0x5B) {  // - [
                        guard let run = NumberArrayBlock.run(base, from: p, objects: &objects, depth: &depth, depthLimit: depthLimit) else {
                            blockMisses = blockMisses < 6 ? blockMisses &+ 1 : 6
                            nextBlock = p &+ 64 &<< blockMisses
                            break
                        }
                        blockMisses = 0
                        p = run.end
                        guard run.expectsValue else {
                            closed = true
                            break
                        }
                        guard p <= last else { return false }
                        skipWhitespace(&p)
                        next = byte(p)
                    }
                    // A block that ended at a `]` goes on to the separators below.
                    if !closed { continue value }
                }
                // An empty container closes below like any other.
            } else {
                guard let literalEnd = Self.literalEnd(base, from: p, count: end) else { return false }
                p = literalEnd
            }
            // A value just ended: take separators and closing brackets up to the next value.
            while p <= last {
                skipWhitespace(&p)
                guard depth > 0 else { return false }
                let c = byte(p)
                p &+= 1
                if c == 0x2C {  // ,
                    guard p <= last else { return false }
                    if objects & 1 == 0 { continue value }
                    // The common `, "` in one step, as for `": "`.
                    if p < last && UnalignedLoad.pair(base, at: p) == 0x2220 {
                        p &+= 1
                    } else {
                        skipWhitespace(&p)
                    }
                    guard let valueStart = Self.memberValueStart(base, from: p, last: last, count: end, block: &strings, keys: &keys) else { return false }
                    p = valueStart
                    continue value
                }
                // `]` is 0x5D and `}` is 0x7D.
                guard c == 0x5D | UInt8(truncatingIfNeeded: objects & 1) &<< 5 else { return false }
                if objects & 1 != 0 { keys.closeObject() }
                objects &>>= 1
                depth &-= 1
            }
            return depth == 0
        }
    }

    /// The index after the number that starts at `start` (a `-` or a digit), or `nil` when
    /// it is invalid or ends the input.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    private static func numberEnd(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int? {
        if end &- start >= 32, let numberEnd = commonNumberEnd(base, from: start) { return numberEnd }
        return scannerNumberEnd(base, from: start, count: end)
    }

    /// The end of a number in one of the common shapes (`-12`, `3.25`, `0.5`, up to 31
    /// bytes, no exponent), or `nil` for any other number or an invalid one. At least 32
    /// bytes from `start` must be in bounds.
    ///
    /// The integer part ends at the first non-digit of the 32 bytes and the fraction at
    /// the second, so both come from one set of loads rather than one reload after the
    /// other; short numbers need only the first word.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    private static func commonNumberEnd(_ base: UnsafeRawPointer, from start: Int) -> Int? {
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        func nonDigits(at offset: Int) -> UInt64 {
            ByteClass.nonDigitBits(UnalignedLoad.word(base, at: start &+ offset))
        }
        // A leading `-` is a non-digit too; clearing its bit leaves the digits' end.
        let first = nonDigits(at: 0) & ~0x80
        let integerEnd: Int
        var numberEnd: Int
        if first != 0 {
            // The integer part ends in the first word, as it does for all but huge numbers.
            integerEnd = first.trailingZeroBitCount &>> 3
            numberEnd = integerEnd
            if bytes[start &+ integerEnd] == 0x2E {
                let rest = first & (first &- 1)
                if rest != 0 {
                    numberEnd = rest.trailingZeroBitCount &>> 3
                } else {
                    // The fraction runs on into the next words: its end is their first non-digit.
                    let second = nonDigits(at: 8)
                    let third = nonDigits(at: 16)
                    let fourth = nonDigits(at: 24)
                    numberEnd =
                        second != 0
                        ? 8 &+ second.trailingZeroBitCount &>> 3
                        : third != 0 ? 16 &+ third.trailingZeroBitCount &>> 3 : 24 &+ fourth.trailingZeroBitCount &>> 3
                }
            }
        } else {
            // A first word of digits only: the integer part ends in the second word or later.
            // (Written on words, not on `UInt128`, whose generic initialisers stayed calls in
            // SwiftPM's release builds; see `UnalignedLoad`.)
            let second = nonDigits(at: 8)
            integerEnd = second != 0 ? 8 &+ second.trailingZeroBitCount &>> 3 : 16
            numberEnd = integerEnd
            if bytes[start &+ integerEnd] == 0x2E {
                let secondMiss = second & (second &- 1)
                if secondMiss != 0 {
                    numberEnd = 8 &+ secondMiss.trailingZeroBitCount &>> 3
                } else {
                    let third = nonDigits(at: 16)
                    numberEnd = third != 0 ? 16 &+ third.trailingZeroBitCount &>> 3 : 24 &+ nonDigits(at: 24).trailingZeroBitCount &>> 3
                }
            }
        }
        let sign = bytes[start] == 0x2D ? 1 : 0
        // At least one digit, a leading zero only on its own, and a digit after a `.` (RFC 8259 §6).
        guard integerEnd > sign, integerEnd < 16, bytes[start &+ sign] != 0x30 || integerEnd == sign &+ 1,
            numberEnd == integerEnd || numberEnd > integerEnd &+ 1, numberEnd < 32,
            bytes[start &+ numberEnd] | 0x20 != 0x65  // e E
        else { return nil }
        return start &+ numberEnd
    }

    /// The scanner's check of a number, kept out of line: it is the rare case.
    @inline(never)
    private static func scannerNumberEnd(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int? {
        JSONScanner.completeNumberEnd(base, from: start, count: end)
    }

    /// The index after `true`, `false` or `null` at `start`, or `nil`.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    private static func literalEnd(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int? {
        // One load and compare per literal; one that ends the input is left to the scanner.
        guard end &- start >= 8 else { return nil }
        let word = UnalignedLoad.word(base, at: start)
        if word & 0xFFFF_FFFF == JSONLiteral.true.packed || word & 0xFFFF_FFFF == JSONLiteral.null.packed { return start &+ 4 }
        guard word & 0xFF_FFFF_FFFF == JSONLiteral.false.packed else { return nil }
        return start &+ 5
    }

    /// The index after the `:` of the key at `start` (which should be its `"`), or `nil`.
    /// Like every position the main loop continues from, it is at most `last`.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    private static func memberValueStart<Keys: FastPathKeyObserver>(
        _ base: UnsafeRawPointer, from start: Int, last: Int, count end: Int, block: inout StringStopBlock, keys: inout Keys
    ) -> Int? {
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        guard bytes[start] == ByteClass.quote, var q = stringEnd(base, from: start &+ 1, count: end, block: &block), q <= last
        else { return nil }
        // Plain when the block holds the whole body and no stop in it but the closing quote: no escape.
        let body = start &+ 1
        let isPlain = block.contains(body) && block.contains(q &- 1)
            && (block.stops &>> UInt64(truncatingIfNeeded: body &- block.start)) & ((1 &<< UInt64(truncatingIfNeeded: q &- 1 &- body)) &- 1) == 0
        keys.key(base, start..<q, isPlain: isPlain)
        // The common `": "` in one step: every token waits on the adds to its start.
        if q < last, UnalignedLoad.pair(base, at: q) == 0x203A { return q &+ 2 }
        while ByteClass.isWhitespace(bytes[q]) { q &+= 1 }
        guard bytes[q] == 0x3A, q < last else { return nil }  // :
        return q &+ 1
    }

    /// The index after the closing quote of the string whose body starts at `start`, or
    /// `nil` when it is invalid, ends the input or holds a surrogate escape.
    ///
    /// `block` holds the stops of the 64 bytes from where an earlier string first needed
    /// them; a string that starts inside it needs no loads but its escapes' and non-ASCII
    /// characters' own. A new block starts at the string that leaves the old one, not at a
    /// multiple of 64, so strings that straddle such a multiple need one block, not two.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    private static func stringEnd(
        _ base: UnsafeRawPointer, from start: Int, count end: Int, block: inout StringStopBlock
    ) -> Int? {
        var q = start
        while true {
            if !block.contains(q) {
                guard end &- q >= 64 else { return stringTailEnd(base, from: q, count: end) }
                block = StringStopBlock(base, at: q)
            }
            let stops = block.stops &>> UInt64(truncatingIfNeeded: q &- block.start)
            guard stops != 0 else {
                q = block.start &+ 64
                continue
            }
            let stop = q &+ stops.trailingZeroBitCount
            if base.assumingMemoryBound(to: UInt8.self)[stop] == ByteClass.quote { return stop &+ 1 }
            guard let next = afterStringStop(base, at: stop, count: end) else { return nil }
            q = next
        }
    }

    /// ``stringEnd(_:from:count:block:)`` for a string that runs into the last 63 bytes of the input.
    @inline(never)
    private static func stringTailEnd(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int? {
        var q = start
        while true {
            q = JSONScanner.plainRunEnd(base, from: q, count: end)
            guard q < end else { return nil }
            if base.assumingMemoryBound(to: UInt8.self)[q] == ByteClass.quote { return q &+ 1 }
            guard let next = afterStringStop(base, at: q, count: end) else { return nil }
            q = next
        }
    }

    /// The index after the escape or the UTF-8 sequence at `stop`, a byte inside a string
    /// that ends a plain run and is not `"`, or `nil` when it is a control byte, an escape
    /// the scanner takes byte by byte, or invalid UTF-8 (checked as the scanner checks it,
    /// RFC 3629 §4).
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    private static func afterStringStop(_ base: UnsafeRawPointer, at stop: Int, count end: Int) -> Int? {
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let c = bytes[stop]
        if c == ByteClass.backslash { return JSONScanner.completeEscapeEnd(base, from: stop, count: end) }
        guard let lead = ByteClass.utf8Lead(c), end &- stop > Int(lead.count) else { return nil }
        let first = bytes[stop &+ 1]
        guard first >= lead.lower && first <= lead.upper else { return nil }
        var index = 2
        while index <= Int(lead.count) {
            guard bytes[stop &+ index] & 0xC0 == 0x80 else { return nil }
            index &+= 1
        }
        return stop &+ Int(lead.count) &+ 1
    }
}

/// What the fast path tells a reader about object keys: each object's opening and end, and
/// each key's bytes, quotes included, in order.
protocol FastPathKeyObserver {
    mutating func openObject()
    /// `isPlain` when the key certainly holds no escape.
    mutating func key(_ base: UnsafeRawPointer, _ range: Range<Int>, isPlain: Bool)
    mutating func closeObject()
}

/// The validator's observer, which the compiler removes.
struct IgnoringKeys: FastPathKeyObserver {
    @inline(__always) mutating func openObject() {}
    @inline(__always) mutating func key(_ base: UnsafeRawPointer, _ range: Range<Int>, isPlain: Bool) {}
    @inline(__always) mutating func closeObject() {}
}
