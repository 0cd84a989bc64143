/// What one pass over a payload learned about whether it is text, and in which encoding.
public struct TextEvidence: Sendable, Hashable {
    /// A byte-order mark at the very start.
    public enum ByteOrderMark: String, Sendable, Hashable {
        /// `EF BB BF`.
        case utf8 = "utf-8"
        /// `FF FE`.
        case utf16LittleEndian = "utf-16le"
        /// `FE FF`.
        case utf16BigEndian = "utf-16be"

        /// The mark's length in bytes.
        public var length: Int { self == .utf8 ? 3 : 2 }
    }

    /// The byte-order mark the payload starts with, if any.
    public var byteOrderMark: ByteOrderMark?
    /// The offset of the first byte that is binary by the WHATWG MIME Sniffing
    /// definition (0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F), if any. Not meaningful
    /// for UTF-16, whose text contains zero bytes.
    public var firstBinaryByte: Int?
    /// The offset where the bytes stop being valid UTF-8, if they do.
    public var firstInvalidUTF8: Int?
    /// True when every byte is below 0x80.
    public var isASCII: Bool
    /// For a payload with a UTF-16 byte-order mark: whether the rest is well-formed
    /// UTF-16 (even length, surrogates paired). Nil without such a mark.
    public var isValidUTF16: Bool?

    /// Creates evidence from its parts.
    public init(byteOrderMark: ByteOrderMark?, firstBinaryByte: Int?, firstInvalidUTF8: Int?, isASCII: Bool, isValidUTF16: Bool?) {
        self.byteOrderMark = byteOrderMark
        self.firstBinaryByte = firstBinaryByte
        self.firstInvalidUTF8 = firstInvalidUTF8
        self.isASCII = isASCII
        self.isValidUTF16 = isValidUTF16
    }

    /// True when the payload is UTF-16 text with a byte-order mark.
    public var isUTF16Text: Bool { isValidUTF16 == true }

    /// True when the payload reads as text: well-formed UTF-16 with a mark, or
    /// free of binary bytes (in any 8-bit encoding).
    public var isText: Bool { isUTF16Text || firstBinaryByte == nil }

    /// True when the payload is UTF-8 text (ASCII included) without binary bytes.
    public var isUTF8Text: Bool { byteOrderMark?.isUTF16 != true && firstBinaryByte == nil && firstInvalidUTF8 == nil }

    /// The charset this evidence proves, if any: `utf-16le`/`utf-16be` for UTF-16
    /// with a mark, `us-ascii` or `utf-8` for clean UTF-8 text.
    public var provenCharset: String? {
        if isUTF16Text { return byteOrderMark?.rawValue }
        guard isUTF8Text else { return nil }
        return isASCII ? "us-ascii" : "utf-8"
    }
}

extension TextEvidence.ByteOrderMark {
    var isUTF16: Bool { self != .utf8 }
}

/// Scans bytes, in as many chunks as they arrive, for the facts in ``TextEvidence``.
///
/// ASCII is checked eight bytes at a time; the UTF-8 decoder only steps in for
/// non-ASCII bytes. The state carried between chunks is a few integers, so a
/// payload of any size is scanned in constant memory.
struct TextScanner: Sendable {
    /// Bytes consumed so far; the absolute offset of the next chunk's first byte.
    private(set) var offset = 0
    private var byteOrderMark: TextEvidence.ByteOrderMark?
    /// The first bytes (up to three), held back until there are enough to decide
    /// on a byte-order mark. Kept inline: no allocation per scan.
    private var head: (UInt8, UInt8, UInt8) = (0, 0, 0)
    private var headCount = 0
    private var markDecided = false
    private var firstBinaryByte: Int?
    private var firstInvalidUTF8: Int?
    private var isASCII = true
    // UTF-8 decoder state: continuation bytes still expected, and the allowed
    // range of the next one (narrower after E0, ED, F0 and F4).
    private var pending = 0
    private var nextLow: UInt8 = 0x80
    private var nextHigh: UInt8 = 0xBF
    private var sequenceStart = 0
    // UTF-16 state.
    private var utf16Valid = true
    private var utf16OddByte: UInt8?
    private var utf16PendingHighSurrogate = false

    /// The first binary byte of what was consumed, once the byte-order mark is decided and is
    /// not UTF-16: no later byte changes it, or makes such bytes text. Nil otherwise.
    var settledBinaryByte: Int? { markDecided && byteOrderMark?.isUTF16 != true ? firstBinaryByte : nil }

    /// Feeds the next chunk.
    mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        guard !chunk.isEmpty else { return }
        var rest = chunk
        if !markDecided, headCount == 0, chunk.count >= 3 {
            // The whole mark is in this chunk: decide it in place, without holding bytes back.
            let first = (chunk[0], chunk[1], chunk[2])
            byteOrderMark = Self.byteOrderMark(first, count: 3)
            markDecided = true
            let markLength = byteOrderMark?.length ?? 0
            scan(UnsafeRawBufferPointer(rebasing: chunk[markLength...]), at: markLength)
            offset = chunk.count
            return
        }
        if !markDecided {
            var taken = 0
            while headCount < 3 && taken < chunk.count {
                switch headCount {
                case 0: head.0 = chunk[taken]
                case 1: head.1 = chunk[taken]
                default: head.2 = chunk[taken]
                }
                headCount += 1
                taken += 1
            }
            rest = UnsafeRawBufferPointer(rebasing: chunk[taken...])
            if headCount < 3 { return }
            decideMark()
        }
        scan(rest, at: offset)
        offset += rest.count
    }

    /// The evidence for everything consumed so far.
    mutating func finish() -> TextEvidence {
        if !markDecided { decideMark() }
        var invalidUTF8 = firstInvalidUTF8
        if byteOrderMark?.isUTF16 != true, invalidUTF8 == nil, pending > 0 { invalidUTF8 = sequenceStart }
        var utf16: Bool?
        if byteOrderMark?.isUTF16 == true {
            utf16 = utf16Valid && utf16OddByte == nil && !utf16PendingHighSurrogate
        }
        return TextEvidence(
            byteOrderMark: byteOrderMark, firstBinaryByte: firstBinaryByte, firstInvalidUTF8: invalidUTF8,
            isASCII: isASCII && byteOrderMark == nil, isValidUTF16: utf16
        )
    }

    /// Decides on a byte-order mark from the held-back first bytes, then scans
    /// the ones that are content.
    private mutating func decideMark() {
        markDecided = true
        byteOrderMark = Self.byteOrderMark(head, count: headCount)
        let markLength = byteOrderMark?.length ?? 0
        if headCount > markLength {
            withUnsafeBytes(of: head) { bytes in
                scan(UnsafeRawBufferPointer(rebasing: bytes[markLength..<headCount]), at: markLength)
            }
        }
        offset = headCount
    }

    /// The byte-order mark that the first `count` (up to three) of `bytes` make, if any.
    private static func byteOrderMark(_ bytes: (UInt8, UInt8, UInt8), count: Int) -> TextEvidence.ByteOrderMark? {
        if count >= 2, bytes.0 == 0xFF, bytes.1 == 0xFE { return .utf16LittleEndian }
        if count >= 2, bytes.0 == 0xFE, bytes.1 == 0xFF { return .utf16BigEndian }
        if count == 3, bytes.0 == 0xEF, bytes.1 == 0xBB, bytes.2 == 0xBF { return .utf8 }
        return nil
    }

    /// Scans `bytes`, whose first byte sits at absolute offset `base`.
    private mutating func scan(_ bytes: UnsafeRawBufferPointer, at base: Int) {
        if byteOrderMark?.isUTF16 == true {
            scanUTF16(bytes)
        } else if !isSettled {
            scanUTF8(bytes, at: base)
        } else {
            // Both facts are settled; later bytes cannot change the outcome.
            isASCII = false
        }
    }

    // MARK: UTF-8 and binary bytes

    private mutating func scanUTF8(_ chunk: UnsafeRawBufferPointer, at base: Int) {
        guard let pointer = chunk.baseAddress else { return }
        let count = chunk.count
        var index = 0
        while index < count {
            if pending == 0 {
                // Fastest path: sixteen bytes at a time while they are all printable ASCII
                // (0x20-0x7F), as JSON is: nothing to note, nothing to check. As signed bytes
                // those are exactly the ones at or above 0x20, so one compare finds any other.
                // Text dense with non-ASCII letters pays a failed check every few words.
                while index + 16 <= count {
                    let lanes = pointer.loadUnaligned(fromByteOffset: index, as: SIMD16<Int8>.self)
                    if BytePairScan.isSet(lanes .< SIMD16<Int8>(repeating: 0x20)) { break }
                    index += 16
                }
                // Fast path: eight bytes at a time. ASCII bytes need only the control
                // check; the loop jumps straight to the first non-ASCII byte.
                while index + 8 <= count {
                    let word = UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    // Nonzero when some byte is below 0x20 (borrows may add false
                    // positives, never hide a true one); checked exactly below.
                    if firstBinaryByte == nil, (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 {
                        for lane in 0..<8 { noteControl(pointer.load(fromByteOffset: index + lane, as: UInt8.self), at: base + index + lane) }
                    }
                    let high = word & 0x8080_8080_8080_8080
                    if high != 0 {
                        index += high.trailingZeroBitCount >> 3
                        break
                    }
                    index += 8
                }
                guard index < count else { break }
            }
            let byte = pointer.load(fromByteOffset: index, as: UInt8.self)
            if pending > 0 {
                if byte >= nextLow && byte <= nextHigh {
                    pending -= 1
                    nextLow = 0x80
                    nextHigh = 0xBF
                } else {
                    markInvalid(at: sequenceStart)
                    pending = 0
                    continue  // re-examine this byte as a fresh start
                }
            } else if byte < 0x80 {
                noteControl(byte, at: base + index)
                if isSettled { isASCII = false; return }
            } else {
                isASCII = false
                sequenceStart = base + index
                // Whole sequence inside this chunk: check it in one go. The byte-wise
                // state machine below only runs for sequences cut by a chunk boundary.
                let length = Self.sequenceLength(byte)
                if length > 1, index + length <= count {
                    let second = pointer.load(fromByteOffset: index + 1, as: UInt8.self)
                    let (low, high) = Self.secondByteRange(byte)
                    var valid = second >= low && second <= high
                    if valid && length > 2 { valid = pointer.load(fromByteOffset: index + 2, as: UInt8.self) & 0xC0 == 0x80 }
                    if valid && length > 3 { valid = pointer.load(fromByteOffset: index + 3, as: UInt8.self) & 0xC0 == 0x80 }
                    if valid {
                        index += length
                        continue
                    }
                    markInvalid(at: base + index)
                    if isSettled { return }
                    index += 1
                    continue
                }
                switch byte {
                case 0xC2...0xDF: pending = 1
                case 0xE0: pending = 2; nextLow = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2
                case 0xED: pending = 2; nextHigh = 0x9F
                case 0xF0: pending = 3; nextLow = 0x90
                case 0xF1...0xF3: pending = 3
                case 0xF4: pending = 3; nextHigh = 0x8F
                default:
                    markInvalid(at: base + index)
                    if isSettled { return }
                }
            }
            index += 1
        }
    }

    /// The length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot lead.
    @inline(__always)
    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    /// The allowed range of the byte after a lead byte (narrower after E0, ED, F0 and F4,
    /// which excludes overlong forms, surrogates and values above U+10FFFF).
    @inline(__always)
    private static func secondByteRange(_ lead: UInt8) -> (UInt8, UInt8) {
        switch lead {
        case 0xE0: (0xA0, 0xBF)
        case 0xED: (0x80, 0x9F)
        case 0xF0: (0x90, 0xBF)
        case 0xF4: (0x80, 0x8F)
        default: (0x80, 0xBF)
        }
    }

    @inline(__always)
    private mutating func noteControl(_ byte: UInt8, at index: Int) {
        guard byte < 0x20, firstBinaryByte == nil, Self.isBinaryDataByte(byte) else { return }
        firstBinaryByte = index
    }

    /// True once both binary data and invalid UTF-8 have been seen: no later byte
    /// can change the evidence (beyond `isASCII`, which is then false).
    private var isSettled: Bool { firstBinaryByte != nil && firstInvalidUTF8 != nil }

    private mutating func markInvalid(at position: Int) {
        isASCII = false
        if firstInvalidUTF8 == nil { firstInvalidUTF8 = position }
    }

    /// WHATWG MIME Sniffing: a binary data byte is 0x00-0x08, 0x0B, 0x0E-0x1A or 0x1C-0x1F.
    /// Bit *n* of the mask is set when byte *n* is one: a shift and a test, where the four ranges
    /// cost a chain of compares on every byte of an image's header (55 instructions a small PNG
    /// verdict, 4.4%, measured on Swift 6.3.1). A test holds the mask to WHATWG's list for every byte.
    @inline(__always)
    static func isBinaryDataByte(_ byte: UInt8) -> Bool {
        byte < 0x20 && (0xF7FF_C9FF as UInt32) >> UInt32(byte) & 1 != 0
    }

    // MARK: UTF-16

    private mutating func scanUTF16(_ chunk: UnsafeRawBufferPointer) {
        isASCII = false
        guard utf16Valid else { return }
        var index = 0
        let bigEndian = byteOrderMark == .utf16BigEndian
        while index < chunk.count {
            let byte = chunk[index]
            index += 1
            guard let first = utf16OddByte else {
                utf16OddByte = byte
                continue
            }
            utf16OddByte = nil
            let unit = bigEndian ? UInt16(first) << 8 | UInt16(byte) : UInt16(byte) << 8 | UInt16(first)
            switch unit {
            case 0xD800...0xDBFF:
                if utf16PendingHighSurrogate { utf16Valid = false; return }
                utf16PendingHighSurrogate = true
            case 0xDC00...0xDFFF:
                if !utf16PendingHighSurrogate { utf16Valid = false; return }
                utf16PendingHighSurrogate = false
            default:
                if utf16PendingHighSurrogate { utf16Valid = false; return }
            }
        }
    }
}

extension TextScanner {
    /// Scans one whole buffer.
    static func scan(_ bytes: UnsafeRawBufferPointer) -> TextEvidence {
        if let binary = binaryFormatEvidence(bytes) { return binary }
        var scanner = TextScanner()
        scanner.consume(bytes)
        return scanner.finish()
    }

    /// The evidence for a buffer whose first byte can begin neither UTF-8 nor a UTF-16
    /// byte-order mark, as with PNG (`89`), JPEG (`FF D8`) and most binary formats: it is not
    /// ASCII and not UTF-8 from byte 0, so only the first binary byte is left to find.
    /// Nil for anything else.
    private static func binaryFormatEvidence(_ bytes: UnsafeRawBufferPointer) -> TextEvidence? {
        guard let first = bytes.first, first >= 0x80, first < 0xC2 || first > 0xF4 else { return nil }
        if bytes.count >= 2, (first == 0xFF && bytes[1] == 0xFE) || (first == 0xFE && bytes[1] == 0xFF) { return nil }
        return TextEvidence(
            byteOrderMark: nil, firstBinaryByte: bytes.firstIndex(where: isBinaryDataByte), firstInvalidUTF8: 0,
            isASCII: false, isValidUTF16: nil
        )
    }
}
