/// The RFC 8259 grammar as a resumable state machine: the single place where JSON is checked.
///
/// The one-shot validator, the streaming validator, the parser and the spans all run this
/// scanner; they differ only in their ``JSONScanVisitor``. Its state is a handful of
/// integers plus a bit stack of open containers (1 = object) that the caller provides, so
/// a value may be split across chunks at any byte and scanning allocates nothing.
struct JSONScanner: Sendable, Hashable {
    /// What the next byte may be.
    enum Mode: UInt8, Sendable, Hashable {
        case start, byteOrderMark
        /// A value at the top level, after `:` or after `,` in an array.
        case value
        /// A value or `]`, right after `[`.
        case firstElement
        /// A key, after `,` in an object.
        case key
        /// A key or `}`, right after `{`.
        case firstKey
        case colon, afterValue
        case string, utf8, escape, unicodeEscape, lowSurrogateBackslash, lowSurrogateU
        case number, literal
    }

    /// Where inside a number the scanner is (RFC 8259 §6).
    enum NumberState: UInt8, Sendable, Hashable {
        case minus, zero, integer, dot, fraction, exponentMark, exponentSign, exponent

        /// Whether a number may end here.
        var isComplete: Bool {
            switch self {
            case .zero, .integer, .fraction, .exponent: true
            case .minus, .dot, .exponentMark, .exponentSign: false
            }
        }
    }

    let maxDepth: Int
    let maxSize: Int?
    /// The absolute offset where the document starts; ``maxSize`` counts from here.
    let startOffset: Int
    let allowByteOrderMark: Bool
    let allowUnpairedSurrogates: Bool

    /// The absolute offset of the next byte to scan.
    private(set) var offset = 0
    private(set) var mode = Mode.start
    /// How many containers are open.
    private(set) var depth = 0
    private var topIsObject = false
    private var stringIsKey = false
    private var stringHasEscapes = false
    private var tokenStart = 0
    private var escapeStart = 0
    private var hexRemaining: UInt8 = 0
    private var hexValue: UInt32 = 0
    private var readingLowSurrogate = false
    private var utf8Remaining: UInt8 = 0
    private var utf8Lower: UInt8 = 0x80
    private var utf8Upper: UInt8 = 0xBF
    private var numberState = NumberState.minus
    private var literal = JSONLiteral.null
    private var literalIndex = 0
    private var byteOrderMarkIndex = 0

    /// A scanner for a document whose first byte is at absolute offset `startOffset`.
    init(options: JSONOptions, startOffset: Int = 0, maxDepthCap: Int = .max) {
        self.startOffset = startOffset
        offset = startOffset
        maxDepth = min(max(options.maxDepth, 0), maxDepthCap)
        maxSize = options.maxSize.map { max($0, 0) }
        allowByteOrderMark = options.allowByteOrderMark
        allowUnpairedSurrogates = options.allowUnpairedSurrogates
    }

    /// How many 64-bit words the container stack needs to scan `count` more bytes.
    func stackWords(forMore count: Int) -> Int {
        let bits = min(maxDepth, depth + count)
        return max(1, (bits >> 6) + 1)
    }

    /// Checks `chunk`, the bytes that follow everything scanned so far.
    ///
    /// `stack` must hold at least ``stackWords(forMore:)`` words for `chunk.count`, with the
    /// words of the open containers unchanged since the previous call.
    mutating func scan<Visitor: JSONScanVisitor>(
        _ chunk: UnsafeRawBufferPointer,
        stack: UnsafeMutablePointer<UInt64>,
        visitor: inout Visitor
    ) throws(JSONError) {
        var count = chunk.count
        var overflowsAt: Int?
        if let maxSize, count > maxSize - (offset - startOffset) {
            count = max(0, maxSize - (offset - startOffset))
            overflowsAt = startOffset + maxSize
        }
        if count > 0, let base = chunk.baseAddress {
            try run(base, count: count, stack: stack, visitor: &visitor)
        }
        if let overflowsAt {
            throw JSONError(
                .tooLarge, at: overflowsAt, expected: "at most \(maxSize ?? 0) bytes in the document",
                found: chunk[overflowsAt - (offset - count)])
        }
    }

    /// Checks that the input may end here, reporting a number that ends with the input.
    mutating func finish<Visitor: JSONScanVisitor>(visitor: inout Visitor) throws(JSONError) {
        if mode == .number && numberState.isComplete {
            try visitor.number(tokenStart..<offset, depth: depth)
            mode = .afterValue
        }
        if mode == .byteOrderMark {
            throw JSONError(.unexpectedByte, at: startOffset, expected: Self.anyValue, found: 0xEF)
        }
        guard mode == .afterValue && depth == 0 else {
            throw JSONError(.unexpectedEnd, at: offset, expected: expectation(mode, depth: depth), found: nil)
        }
    }

    /// Whether the bytes so far are one complete JSON document.
    var isComplete: Bool {
        (mode == .afterValue || (mode == .number && numberState.isComplete)) && depth == 0
    }

    static let anyValue = "a JSON value (object, array, string, number, true, false or null)"

    // The scanning loop. Invariants: `p` indexes the next unchecked byte of `base`, which
    // has `end` readable bytes; `origin + p` is its absolute offset. Every `break scanning`
    // leaves the state complete, so the next chunk resumes at the same byte boundary.
    @inline(__always)
    private mutating func run<Visitor: JSONScanVisitor>(
        _ base: UnsafeRawPointer,
        count end: Int,
        stack: UnsafeMutablePointer<UInt64>,
        visitor: inout Visitor
    ) throws(JSONError) {
        let origin = offset
        var p = 0
        var mode = self.mode
        var depth = self.depth
        defer {
            self.mode = mode
            self.depth = depth
            self.offset = origin + p
        }
        @inline(__always) func byte(_ index: Int) -> UInt8 { base.assumingMemoryBound(to: UInt8.self)[index] }

        scanning: while true {
            switch mode {
            case .value, .firstElement:
                while p < end && ByteClass.isWhitespace(byte(p)) { p += 1 }
                guard p < end else { break scanning }
                let c = byte(p)
                switch c {
                case ByteClass.quote:
                    tokenStart = origin + p
                    stringIsKey = false
                    stringHasEscapes = false
                    mode = .string
                    p += 1
                case 0x5B, 0x7B:  // [ {
                    let isObject = c == 0x7B
                    guard depth < maxDepth else {
                        throw JSONError(
                            .tooDeep, at: origin + p, expected: "at most \(maxDepth) levels of nested arrays and objects",
                            found: c)
                    }
                    try visitor.beginContainer(isObject: isObject, at: origin + p, depth: depth)
                    let bit: UInt64 = 1 &<< UInt64(depth & 63)
                    if isObject { stack[depth &>> 6] |= bit } else { stack[depth &>> 6] &= ~bit }
                    depth += 1
                    topIsObject = isObject
                    mode = isObject ? .firstKey : .firstElement
                    p += 1
                case 0x2D, 0x30...0x39:  // - 0-9
                    if let numberEnd = Self.completeNumberEnd(base, from: p, count: end) {
                        try visitor.number((origin + p)..<(origin + numberEnd), depth: depth)
                        p = numberEnd
                        mode = .afterValue
                        continue scanning
                    }
                    // Split by the chunk's end, or invalid: the state machine takes it byte by byte.
                    tokenStart = origin + p
                    numberState = c == 0x2D ? .minus : c == 0x30 ? .zero : .integer
                    mode = .number
                    p += 1
                case 0x74, 0x66, 0x6E:  // t f n
                    literal = c == 0x74 ? .true : c == 0x66 ? .false : .null
                    let length = literal.length
                    if end - p >= 8 {
                        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: p, as: UInt64.self))
                        let mask: UInt64 = length == 5 ? 0xFF_FFFF_FFFF : 0xFFFF_FFFF
                        if word & mask == literal.packed {
                            try visitor.literal(literal, at: origin + p, depth: depth)
                            p += length
                            mode = .afterValue
                            continue scanning
                        }
                    }
                    tokenStart = origin + p
                    literalIndex = 1
                    mode = .literal
                    p += 1
                case 0x5D where mode == .firstElement:  // ]
                    try closeContainer(isObject: false, at: origin + p, depth: &depth, stack: stack, visitor: &visitor)
                    mode = .afterValue
                    p += 1
                default:
                    let trailing = c == 0x5D && depth > 0 && !topIsObject
                    throw JSONError(
                        trailing ? .trailingComma : .unexpectedByte, at: origin + p,
                        expected: trailing ? "a value after ','" : expectation(mode, depth: depth), found: c)
                }

            case .key, .firstKey:
                while p < end && ByteClass.isWhitespace(byte(p)) { p += 1 }
                guard p < end else { break scanning }
                let c = byte(p)
                if c == ByteClass.quote {
                    tokenStart = origin + p
                    stringIsKey = true
                    stringHasEscapes = false
                    mode = .string
                    p += 1
                } else if c == 0x7D && mode == .firstKey {
                    try closeContainer(isObject: true, at: origin + p, depth: &depth, stack: stack, visitor: &visitor)
                    mode = .afterValue
                    p += 1
                } else {
                    throw JSONError(c == 0x7D ? .trailingComma : .unexpectedByte, at: origin + p, expected: expectation(mode, depth: depth), found: c)
                }

            case .colon:
                while p < end && ByteClass.isWhitespace(byte(p)) { p += 1 }
                guard p < end else { break scanning }
                guard byte(p) == 0x3A else {
                    throw JSONError(.unexpectedByte, at: origin + p, expected: expectation(mode, depth: depth), found: byte(p))
                }
                mode = .value
                p += 1

            case .afterValue:
                while p < end && ByteClass.isWhitespace(byte(p)) { p += 1 }
                guard p < end else { break scanning }
                let c = byte(p)
                if depth > 0 {
                    if c == 0x2C {
                        p += 1
                        mode = .value
                        guard topIsObject else { continue scanning }
                        mode = .key
                        // Start the next key here rather than in another trip through the switch.
                        while p < end && ByteClass.isWhitespace(byte(p)) { p += 1 }
                        if p < end && byte(p) == ByteClass.quote {
                            tokenStart = origin + p
                            stringIsKey = true
                            stringHasEscapes = false
                            mode = .string
                            p += 1
                        }
                        continue scanning
                    }
                    if c == (topIsObject ? 0x7D : 0x5D) {
                        try closeContainer(isObject: topIsObject, at: origin + p, depth: &depth, stack: stack, visitor: &visitor)
                        p += 1
                        continue scanning
                    }
                }
                throw JSONError(depth == 0 ? .trailingGarbage : .unexpectedByte, at: origin + p, expected: expectation(mode, depth: depth), found: c)

            case .string:
                string: while true {
                    // Skip plain ASCII eight bytes at a time, then byte by byte near the end.
                    var found = false
                    while end - p >= 8 {
                        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: p, as: UInt64.self))
                        let hits = ByteClass.stringRunEndMask(word)
                        if hits != 0 {
                            p += hits.trailingZeroBitCount &>> 3
                            found = true
                            break
                        }
                        p += 8
                    }
                    if !found {
                        while p < end && !ByteClass.endsStringRun(byte(p)) { p += 1 }
                        guard p < end else { break scanning }
                    }
                    let c = byte(p)
                    if c == ByteClass.quote {
                        p += 1
                        try visitor.string(tokenStart..<(origin + p), isKey: stringIsKey, hasEscapes: stringHasEscapes, depth: depth)
                        mode = .afterValue
                        if stringIsKey {
                            // Take the colon here rather than in another trip through the switch.
                            while p < end && ByteClass.isWhitespace(byte(p)) { p += 1 }
                            if p < end && byte(p) == 0x3A {
                                p += 1
                                mode = .value
                            } else {
                                mode = .colon
                            }
                        }
                        continue scanning
                    } else if c == ByteClass.backslash {
                        stringHasEscapes = true
                        if let escapeEnd = Self.completeEscapeEnd(base, from: p, count: end) {
                            p = escapeEnd
                            continue string
                        }
                        // Split by the chunk's end, a surrogate or invalid: byte by byte.
                        escapeStart = origin + p
                        mode = .escape
                        p += 1
                        continue scanning
                    } else if c < 0x20 {
                        throw JSONError(
                            .controlCharacterInString, at: origin + p,
                            expected: #"a string character; control characters must be escaped (\n, \t, \u0000)"#, found: c)
                    } else if let lead = ByteClass.utf8Lead(c) {
                        if end - p > Int(lead.count) {
                            // The whole sequence is in this chunk: check it in place.
                            var lower = lead.lower
                            var upper = lead.upper
                            for index in 1...Int(lead.count) {
                                let continuation = byte(p + index)
                                guard continuation >= lower && continuation <= upper else {
                                    utf8Lower = lower
                                    utf8Upper = upper
                                    throw JSONError(.invalidUTF8, at: origin + p + index, expected: expectation(.utf8, depth: depth), found: continuation)
                                }
                                lower = 0x80
                                upper = 0xBF
                            }
                            p += Int(lead.count) + 1
                            continue string
                        }
                        utf8Remaining = lead.count
                        utf8Lower = lead.lower
                        utf8Upper = lead.upper
                        mode = .utf8
                        p += 1
                        continue scanning
                    } else {
                        throw JSONError(
                            .invalidUTF8, at: origin + p, expected: "a byte that starts a UTF-8 sequence (0xC2–0xF4)", found: c)
                    }
                }

            case .utf8:
                while utf8Remaining > 0 {
                    guard p < end else { break scanning }
                    let c = byte(p)
                    guard c >= utf8Lower && c <= utf8Upper else {
                        throw JSONError(.invalidUTF8, at: origin + p, expected: expectation(mode, depth: depth), found: c)
                    }
                    utf8Lower = 0x80
                    utf8Upper = 0xBF
                    utf8Remaining -= 1
                    p += 1
                }
                mode = .string

            case .escape:
                guard p < end else { break scanning }
                switch byte(p) {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    mode = .string
                case 0x75:
                    hexRemaining = 4
                    hexValue = 0
                    readingLowSurrogate = false
                    mode = .unicodeEscape
                default:
                    throw JSONError(.invalidEscape, at: origin + p, expected: expectation(mode, depth: depth), found: byte(p))
                }
                p += 1

            case .unicodeEscape:
                while hexRemaining > 0 {
                    guard p < end else { break scanning }
                    guard let digit = ByteClass.hexValue(byte(p)) else {
                        throw JSONError(.invalidEscape, at: origin + p, expected: expectation(mode, depth: depth), found: byte(p))
                    }
                    hexValue = hexValue &<< 4 | digit
                    hexRemaining -= 1
                    p += 1
                }
                mode = .string
                if allowUnpairedSurrogates { continue scanning }
                if readingLowSurrogate {
                    guard hexValue >= 0xDC00 && hexValue <= 0xDFFF else {
                        throw JSONError(
                            .unpairedSurrogate, at: escapeStart,
                            expected: #"a low surrogate \uDC00–\uDFFF after a high surrogate"#, found: ByteClass.backslash)
                    }
                    readingLowSurrogate = false
                } else if hexValue >= 0xD800 && hexValue <= 0xDBFF {
                    mode = .lowSurrogateBackslash
                } else if hexValue >= 0xDC00 && hexValue <= 0xDFFF {
                    throw JSONError(
                        .unpairedSurrogate, at: escapeStart,
                        expected: #"an escape other than a lone low surrogate (\uDC00–\uDFFF must follow \uD800–\uDBFF)"#,
                        found: ByteClass.backslash)
                }

            case .lowSurrogateBackslash, .lowSurrogateU:
                guard p < end else { break scanning }
                let wanted: UInt8 = mode == .lowSurrogateBackslash ? ByteClass.backslash : 0x75
                guard byte(p) == wanted else {
                    throw JSONError(.unpairedSurrogate, at: origin + p, expected: expectation(mode, depth: depth), found: byte(p))
                }
                if mode == .lowSurrogateBackslash {
                    escapeStart = origin + p
                    mode = .lowSurrogateU
                } else {
                    hexRemaining = 4
                    hexValue = 0
                    readingLowSurrogate = true
                    mode = .unicodeEscape
                }
                p += 1

            case .number:
                number: while true {
                    guard p < end else { break scanning }
                    let c = byte(p)
                    let isDigit = ByteClass.isDigit(c)
                    switch numberState {
                    case .minus, .dot, .exponentSign:
                        guard isDigit else {
                            throw JSONError(.invalidNumber, at: origin + p, expected: expectation(mode, depth: depth), found: c)
                        }
                        numberState = numberState == .minus ? (c == 0x30 ? .zero : .integer) : numberState == .dot ? .fraction : .exponent
                        p += 1
                    case .exponentMark:
                        if c == 0x2B || c == 0x2D {
                            numberState = .exponentSign
                        } else if isDigit {
                            numberState = .exponent
                        } else {
                            throw JSONError(.invalidNumber, at: origin + p, expected: expectation(mode, depth: depth), found: c)
                        }
                        p += 1
                    case .zero, .integer, .fraction, .exponent:
                        if isDigit {
                            guard numberState != .zero else {
                                throw JSONError(.leadingZero, at: origin + p, expected: expectation(mode, depth: depth), found: c)
                            }
                            p += 1
                            while p < end && ByteClass.isDigit(byte(p)) { p += 1 }
                        } else if c == 0x2E && (numberState == .zero || numberState == .integer) {
                            numberState = .dot
                            p += 1
                        } else if c | 0x20 == 0x65 && numberState != .exponent {
                            numberState = .exponentMark
                            p += 1
                        } else {
                            break number
                        }
                    }
                }
                try visitor.number(tokenStart..<(origin + p), depth: depth)
                mode = .afterValue

            case .literal:
                let length = literal.length
                while literalIndex < length {
                    guard p < end else { break scanning }
                    guard byte(p) == UInt8(truncatingIfNeeded: literal.packed &>> UInt64(8 * literalIndex)) else {
                        throw JSONError(.invalidLiteral, at: origin + p, expected: expectation(mode, depth: depth), found: byte(p))
                    }
                    literalIndex += 1
                    p += 1
                }
                try visitor.literal(literal, at: tokenStart, depth: depth)
                mode = .afterValue

            case .start:
                guard p < end else { break scanning }
                if byte(p) == 0xEF {
                    byteOrderMarkIndex = 1
                    mode = .byteOrderMark
                    p += 1
                } else {
                    mode = .value
                }

            case .byteOrderMark:
                while byteOrderMarkIndex < 3 {
                    guard p < end else { break scanning }
                    guard byte(p) == (byteOrderMarkIndex == 1 ? 0xBB : 0xBF) else {
                        throw JSONError(.unexpectedByte, at: startOffset, expected: Self.anyValue, found: 0xEF)
                    }
                    byteOrderMarkIndex += 1
                    p += 1
                }
                guard allowByteOrderMark else {
                    throw JSONError(
                        .byteOrderMark, at: startOffset,
                        expected: "a JSON value without a UTF-8 byte-order mark (set allowByteOrderMark to skip it)",
                        found: 0xEF)
                }
                mode = .value
            }
        }
    }

    /// The end of the number starting at `start` when it is valid and ends inside the
    /// buffer; `nil` sends the number to the byte-by-byte states, which report errors.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    static func completeNumberEnd(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int? {
        @inline(__always) func byte(_ index: Int) -> UInt8 { base.assumingMemoryBound(to: UInt8.self)[index] }
        // The sign is a coin toss in real payloads, so add it instead of branching on it.
        var q = start &+ (byte(start) == 0x2D ? 1 : 0)
        guard q < end else { return nil }
        let first = byte(q)
        guard ByteClass.isDigit(first) else { return nil }
        if first == 0x30 {
            // Only a leading zero can be followed by a digit; every other digit run ends at a non-digit.
            q += 1
            guard q < end, !ByteClass.isDigit(byte(q)) else { return nil }
        } else {
            q = skipDigits(base, from: q + 1, count: end)
            guard q < end else { return nil }
        }
        if byte(q) == 0x2E {
            let fractionStart = q + 1
            q = skipDigits(base, from: fractionStart, count: end)
            guard q > fractionStart, q < end else { return nil }
        }
        if byte(q) | 0x20 == 0x65 {
            q += 1
            guard q < end else { return nil }
            if byte(q) == 0x2B || byte(q) == 0x2D {
                q += 1
                guard q < end else { return nil }
            }
            guard ByteClass.isDigit(byte(q)) else { return nil }
            q = skipDigits(base, from: q + 1, count: end)
            guard q < end else { return nil }
        }
        return q
    }

    /// The index of the first byte from `start` that ends a plain run of string bytes
    /// (see ``ByteClass/endsStringRun(_:)``), or `end` if there is none.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    static func plainRunEnd(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int {
        var q = start
        while end - q >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: q, as: UInt64.self))
            let hits = ByteClass.stringRunEndMask(word)
            if hits != 0 { return q &+ hits.trailingZeroBitCount &>> 3 }
            q &+= 8
        }
        while q < end && !ByteClass.endsStringRun(base.assumingMemoryBound(to: UInt8.self)[q]) { q += 1 }
        return q
    }

    /// The index after the digits starting at `start`, eight at a time where possible.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    private static func skipDigits(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int {
        var q = start
        // Sixteen bytes per step with selects instead of branches: a fraction's length
        // varies from number to number, so a branch per word would mispredict often.
        while end - q >= 16 {
            let low = ByteClass.nonDigitMask(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: q, as: UInt64.self)))
            let high = ByteClass.nonDigitMask(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: q + 8, as: UInt64.self)))
            let lowCount = low.trailingZeroBitCount &>> 3
            let count = lowCount < 8 ? lowCount : 8 &+ high.trailingZeroBitCount &>> 3
            q &+= count
            if count < 16 { return q }
        }
        while end - q >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: q, as: UInt64.self))
            let misses = ByteClass.nonDigitMask(word)
            if misses != 0 { return q + misses.trailingZeroBitCount &>> 3 }
            q += 8
        }
        while q < end && ByteClass.isDigit(base.assumingMemoryBound(to: UInt8.self)[q]) { q += 1 }
        return q
    }

    /// The end of the escape whose backslash is at `start` when it is a complete, valid
    /// escape of anything but a surrogate; `nil` sends it to the byte-by-byte states.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    static func completeEscapeEnd(_ base: UnsafeRawPointer, from start: Int, count end: Int) -> Int? {
        guard end - start >= 2 else { return nil }
        switch base.assumingMemoryBound(to: UInt8.self)[start + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
            return start + 2
        case 0x75:
            guard end - start >= 6 else { return nil }
            var value: UInt32 = 0
            for index in 2..<6 {
                guard let digit = ByteClass.hexValue(base.assumingMemoryBound(to: UInt8.self)[start + index]) else { return nil }
                value = value << 4 | digit
            }
            return value >= 0xD800 && value <= 0xDFFF ? nil : start + 6
        default:
            return nil
        }
    }

    @inline(__always)
    private mutating func closeContainer<Visitor: JSONScanVisitor>(
        isObject: Bool,
        at offset: Int,
        depth: inout Int,
        stack: UnsafeMutablePointer<UInt64>,
        visitor: inout Visitor
    ) throws(JSONError) {
        depth -= 1
        if depth > 0 {
            let top = depth - 1
            topIsObject = (stack[top &>> 6] &>> UInt64(top & 63)) & 1 != 0
        } else {
            topIsObject = false
        }
        try visitor.endContainer(isObject: isObject, at: offset, depth: depth)
    }

    /// What the current state accepts, in words, for error messages.
    private func expectation(_ mode: Mode, depth: Int) -> String {
        switch mode {
        case .start, .byteOrderMark: Self.anyValue
        case .value: depth == 0 ? Self.anyValue : topIsObject ? "a value after ':'" : "a value after ','"
        case .firstElement: "a value or ']'"
        case .firstKey: "a string key or '}'"
        case .key: "a string key after ','"
        case .colon: "':' after an object key"
        case .afterValue:
            depth == 0
                ? "the end of the input after the top-level value"
                : topIsObject ? "',' or '}' after an object member" : "',' or ']' after an array element"
        case .string: #"more string characters or the closing '"'"#
        case .utf8: "a UTF-8 continuation byte in 0x\(String(utf8Lower, radix: 16, uppercase: true))–0x\(String(utf8Upper, radix: 16, uppercase: true))"
        case .escape: #"an escape character: \", \\, \/, \b, \f, \n, \r, \t or \uXXXX"#
        case .unicodeEscape: #"a hexadecimal digit of a \u escape"#
        case .lowSurrogateBackslash, .lowSurrogateU: #"a \uDC00–\uDFFF escape completing the surrogate pair"#
        case .literal: "the literal '\(literal.text)'"
        case .number:
            switch numberState {
            case .minus: "a digit after '-'"
            case .zero: "'.', 'e' or the end of the number after a leading '0'"
            case .integer: "a digit, '.', 'e' or the end of the number"
            case .dot: "a digit after '.'"
            case .fraction: "a digit, 'e' or the end of the number"
            case .exponentMark: "a digit, '+' or '-' after 'e'"
            case .exponentSign: "a digit in the exponent"
            case .exponent: "a digit or the end of the number"
            }
        }
    }
}
