/// Writes JSON text that was **already validated in the same run** in the pretty layout of
/// ``JSONSerializer/reformat(_:indent:options:)``, without checking it again, in chunks of a
/// fixed size.
///
/// ``JSONScanner`` stays the single place where JSON is checked: this tokenizer only finds
/// where tokens start and end, and relies on its caller having run the scanner over the same
/// bytes (for the log splitter: ``JSONSpans/topLevelMembers(of:elementsOf:options:)`` or
/// ``JSONValidator``, over the very bytes it then writes). On bytes that were not validated the
/// output is unspecified but the writer stays memory-safe and ends: every step consumes at
/// least one byte, reads stay inside the given range (the 16-byte copies read inside the
/// document only), and a string with escapes is decoded only after the scanner has checked
/// that one string.
///
/// Why it exists (issue 21): `split --format json` on a 100 MB call writes the request's
/// bytes twice (the request log's body, then the prediction logs), and doing that through the
/// validating scanner took 48% of the CPU time (perf, 100,000 instances). This tokenizer
/// skips the checks (number grammar, UTF-8, escapes, nesting). Measured in SplitBenchmarks on
/// that call, same run: 630 against 400 ms of CPU time for the whole split and output (with
/// the prediction logs written from the gaps' text, not spliced), 650 against 350 ms with the
/// number loop below.
///
/// The output is the same byte for byte as the validating reformat of the same bytes: the
/// same punctuation and line breaks, numbers, literals and strings without a backslash copied
/// as they are, strings with escapes written as the serializer writes them.
package struct PrettyJSONWriter {
    /// Where the layout stands between two pieces of one document.
    package struct Layout: Sendable {
        /// How many containers are open.
        package var depth: Int
        /// Whether the innermost open container has a child already (a comma comes next).
        package var hasSibling: Bool
        /// Whether the last thing written is a key, so the value follows on its line.
        package var afterKey: Bool

        /// A layout; the default is the start of a document.
        package init(depth: Int = 0, hasSibling: Bool = false, afterKey: Bool = false) {
            self.depth = depth
            self.hasSibling = hasSibling
            self.afterKey = afterKey
        }
    }

    /// A comma, a line feed and 128 spaces: a line break at any level up to 64, with or
    /// without its comma, is one copy of a part of it.
    private static let lineBreak: StaticString = ",\n                                                                                                                                "

    /// Where the output is gathered; it does not outlive ``withWriter(chunkSize:to:_:)``.
    private var output: ChunkOutput
    private var strings = StringDecoder()
    private var escaped: [UInt8] = []

    private init(output: ChunkOutput) {
        self.output = output
    }

    /// Runs `body` with a writer that passes on chunks of at most `chunkSize` bytes (at least
    /// 256) to `write`, and the rest when `body` returns. A chunk is valid only during the call.
    package static func withWriter<Result>(
        chunkSize: Int, to write: (UnsafeRawBufferPointer) -> Void, _ body: (inout PrettyJSONWriter) -> Result
    ) -> Result {
        ChunkOutput.with(capacity: max(chunkSize, 256), to: write) { output in
            var writer = PrettyJSONWriter(output: output)
            defer { output = writer.output }
            return body(&writer)
        }
    }

    // MARK: Output

    /// Writes `bytes` as they are.
    package mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        output.put(base, count: bytes.count)
    }

    /// Writes `text` as it is.
    package mutating func write(_ text: StaticString) {
        output.put(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Writes `bytes` as they are.
    package mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes `value` in decimal.
    package mutating func write(decimal value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                buffer[start] = 0x2D
            }
            write(UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Writes a line feed and the indentation of `level` (two spaces a level), after a comma
    /// when `comma`.
    @inline(__always)
    package mutating func lineBreak(level: Int, comma: Bool = false) {
        let text = Self.lineBreak.utf8Start + (comma ? 0 : 1)
        let room = Self.lineBreak.utf8CodeUnitCount - 2
        var spaces = 2 * max(level, 0)
        let head = (comma ? 2 : 1) + min(spaces, room)
        if head <= 16 {
            output.putShort(text, count: head)
        } else {
            output.put(text, count: head)
        }
        spaces -= min(spaces, room)
        while spaces > 0 {
            let more = min(spaces, room)
            output.put(Self.lineBreak.utf8Start + 2, count: more)
            spaces -= more
        }
    }

    // MARK: Reformatting

    /// Writes the tokens of `range` of `document` in the pretty layout at level `indent`,
    /// starting from `layout` and leaving it where the range ends.
    ///
    /// `document` must hold JSON that was validated in this run, and `range` must start and
    /// end between tokens (a key and its colon in the same range): a whole document, or a
    /// piece of one such as the bytes around a member's value. See the type's discussion.
    package mutating func reformat(validated document: UnsafeRawBufferPointer, range: Range<Int>, indent: Int, layout: inout Layout) {
        guard let base = document.baseAddress else { return }
        let documentEnd = document.count
        let end = min(max(range.upperBound, 0), documentEnd)
        var p = min(max(range.lowerBound, 0), end)
        @inline(__always) func byte(_ index: Int) -> UInt8 { base.load(fromByteOffset: index, as: UInt8.self) }
        // A byte order mark the scanner allowed at the start is not part of the value.
        if p == 0 && end >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF { p = 3 }

        var depth = layout.depth
        var hasSibling = layout.hasSibling
        var afterKey = layout.afterKey
        defer { layout = Layout(depth: depth, hasSibling: hasSibling, afterKey: afterKey) }

        /// The comma and line break before a value or a key, unless it follows its key.
        @inline(__always) func open() {
            if afterKey {
                afterKey = false
            } else if depth > 0 {
                lineBreak(level: indent + depth, comma: hasSibling)
            }
        }
        @inline(__always) func putToken(_ start: Int, _ tokenEnd: Int) {
            let length = tokenEnd - start
            if length <= 16 && start + 16 <= documentEnd {
                output.putShort(base + start, count: length)
            } else {
                output.put(base + start, count: length)
            }
        }

        while p < end {
            let c = byte(p)
            switch c {
            case 0x20, 0x0A, 0x0D, 0x09, 0x2C:
                // Whitespace and commas: the layout writes its own.
                p += 1
            case 0x3A:  // :
                output.put(0x3A)
                output.put(0x20)
                afterKey = true
                p += 1
            case 0x5B, 0x7B:  // [ {
                open()
                output.put(c)
                depth += 1
                hasSibling = false
                p += 1
            case 0x5D, 0x7D:  // ] }
                depth = max(depth - 1, 0)
                if hasSibling { lineBreak(level: indent + depth) }
                output.put(c)
                hasSibling = true
                p += 1
            case 0x22:  // "
                open()
                var q = p + 1
                var hasEscapes = false
                var closed = false
                while q < end {
                    if end - q >= 8 {
                        let hits = Self.quoteOrBackslash(base.loadUnaligned(fromByteOffset: q, as: UInt64.self))
                        if hits == 0 {
                            q += 8
                            continue
                        }
                        q += hits.trailingZeroBitCount &>> 3
                    }
                    let d = byte(q)
                    if d == 0x22 {
                        q += 1
                        closed = true
                        break
                    }
                    if d == 0x5C {
                        hasEscapes = true
                        q += 2
                    } else {
                        q += 1
                    }
                }
                q = min(q, end)
                if hasEscapes && closed && Self.isString(UnsafeRawBufferPointer(rebasing: document[p..<q])) {
                    // Escapes are written as the serializer writes them: `\u00e9` becomes `é`, `\/` `/`.
                    // The decoder reads an escape's four hex digits and trusts the UTF-8, so this
                    // one string goes through the scanner first (strings with escapes are rare):
                    // bytes that were not validated after all are then copied as they are.
                    escaped.removeAll(keepingCapacity: true)
                    JSONSerializer.writeString(strings.decode(base, p..<q, hasEscapes: true), into: &escaped)
                    escaped.withUnsafeBytes { output.put($0.baseAddress!, count: $0.count) }
                } else {
                    // A valid string without a backslash has no control character, quote or
                    // invalid UTF-8 inside, so its bytes are already what the serializer writes.
                    putToken(p, q)
                }
                hasSibling = true
                p = q
            default:
                // A number or a literal: its bytes up to the next delimiter, as they are.
                open()
                var q = Self.tokenEnd(base, from: p, end: end)
                putToken(p, q)
                hasSibling = true
                p = q
                // The numbers that follow in the same array stay in this loop: each is the same
                // comma and line break and its own bytes, copied as four 8-byte words after one
                // room check, with no trip through the switch for the separators: 519-531
                // against 444-495 ms task-clock for `split --format json` on 100,000 instances.
                let breakLength = 2 &+ 2 &* (indent &+ depth)
                guard depth > 0 && breakLength <= 16 else { continue }
                let breakText = UnsafeRawPointer(Self.lineBreak.utf8Start)
                let breakStart = breakText.loadUnaligned(as: UInt64.self)
                let breakRest = breakText.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                while true {
                    while p < end && Self.isSeparator(byte(p)) { p &+= 1 }
                    guard p < end && Self.startsNumber(byte(p)) else { break }
                    q = Self.tokenEnd(base, from: p, end: end)
                    let length = q &- p
                    if length <= 16 && p &+ 16 <= documentEnd && output.capacity &- output.count >= 32 {
                        let target = output.chunk + output.count
                        target.storeBytes(of: breakStart, as: UInt64.self)
                        target.storeBytes(of: breakRest, toByteOffset: 8, as: UInt64.self)
                        let number = target + breakLength
                        number.storeBytes(of: base.loadUnaligned(fromByteOffset: p, as: UInt64.self), as: UInt64.self)
                        number.storeBytes(of: base.loadUnaligned(fromByteOffset: p &+ 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
                        output.count &+= breakLength &+ length
                    } else {
                        lineBreak(level: indent &+ depth, comma: true)
                        putToken(p, q)
                    }
                    p = q
                }
            }
        }
    }

    /// Where the number or literal starting at `p` ends: the next delimiter, or `end`.
    @inline(__always)
    private static func tokenEnd(_ base: UnsafeRawPointer, from p: Int, end: Int) -> Int {
        var q = p &+ 1
        if end &- q >= 8 {
            let hits = delimiters(base.loadUnaligned(fromByteOffset: q, as: UInt64.self))
            if hits != 0 { return q &+ (hits.trailingZeroBitCount &>> 3) }
            q &+= 8
        }
        while q < end && !isDelimiter(base.load(fromByteOffset: q, as: UInt8.self)) { q &+= 1 }
        return q
    }

    /// Whether `token` is one JSON string (unpaired surrogates allowed: the decoder writes
    /// U+FFFD for them), checked by the scanner.
    private static func isString(_ token: UnsafeRawBufferPointer) -> Bool {
        JSONValidator.isValid(token, options: JSONOptions(maxSize: nil, allowUnpairedSurrogates: true))
    }

    /// Whether `byte` is whitespace or a comma, which the layout replaces with its own.
    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2C || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Whether `byte` starts a number: `-` or a digit.
    @inline(__always)
    private static func startsNumber(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || byte == 0x2D
    }

    /// Whether `byte` ends a number or a literal in valid JSON: whitespace, `,`, `]` or `}`.
    @inline(__always)
    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x2C || byte | 0x20 == 0x7D
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte`; exact up to the first such byte
    /// (a borrow may mark bytes after it), which is all the callers use.
    @inline(__always)
    private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// The bytes of a little-endian `word` that are a quote or a backslash; the lowest set
    /// bit is exact.
    @inline(__always)
    private static func quoteOrBackslash(_ word: UInt64) -> UInt64 {
        let word = UInt64(littleEndian: word)
        return equal(word, 0x22) | equal(word, 0x5C)
    }

    /// The bytes of a little-endian `word` that are ``isDelimiter(_:)``; the lowest set bit is
    /// exact.
    @inline(__always)
    private static func delimiters(_ word: UInt64) -> UInt64 {
        let word = UInt64(littleEndian: word)
        // Bytes below 0x21 (a byte of 0x80 and above is not below 0x21, and ~word masks out
        // its high bit), then `,`, then `]` and `}` at once (they differ only in bit 0x20).
        let low = (word &- ones &* 0x21) & ~word & highs
        return low | equal(word, 0x2C) | equal(word | (ones &* 0x20), 0x7D)
    }
}
