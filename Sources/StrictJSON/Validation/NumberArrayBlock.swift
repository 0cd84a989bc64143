/// The validator's fast path for arrays of numbers, 64 bytes at a time: the shape of almost
/// every inference payload (`{"instances": [[0.35, -0.21, ...], ...]}`).
///
/// ``ValidatorFastPath`` finds each token's end from the last one's, so every number waits
/// on the loads and compares of the one before it: about 7.6 ns a number. Here the bytes of
/// a block are sorted into classes with vector compares, one bit per byte, and the grammar of
/// numbers, commas, brackets and whitespace is checked on those bit masks all at once, with
/// no wait from one token to the next.
///
/// Like the rest of the fast path it only ever says "certainly valid": a block holding
/// anything else (a string, an object, a literal, an exponent, an error) gives `nil`, and the
/// token-by-token path goes on from where it was.
struct NumberArrayBlock {
    /// One bit per byte of the block, set for the byte's class.
    let digits: UInt64
    let zeros: UInt64
    let minus: UInt64
    let dots: UInt64
    /// Space, tab, line feed and carriage return.
    let whitespace: UInt64
    let opens: UInt64
    let closes: UInt64
    let commas: UInt64

    /// The 64 bytes at `start`, which must be in bounds.
    @_transparent
    init(_ base: UnsafeRawPointer, at start: Int) {
        let lane0 = StringStopBlock.load(base, at: start)
        let lane1 = StringStopBlock.load(base, at: start &+ 16)
        let lane2 = StringStopBlock.load(base, at: start &+ 32)
        let lane3 = StringStopBlock.load(base, at: start &+ 48)
        // Each class written out for the four lanes, with no closure or loop: SwiftPM's release
        // builds compile a module in parts (`-num-threads`), and a closure the Swift inliner
        // leaves alone stays a call there (32 calls a block: validating a 1 KiB tensor took
        // 1,090 ns rather than 490).
        @_transparent func plane(
            _ mask0: SIMDMask<SIMD16<Int8>>, _ mask1: SIMDMask<SIMD16<Int8>>, _ mask2: SIMDMask<SIMD16<Int8>>,
            _ mask3: SIMDMask<SIMD16<Int8>>
        ) -> UInt64 {
            @_transparent func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt64 {
                UInt64(StringStopBlock.movemask(SIMD16<Int8>(repeating: 0).replacing(with: -1, where: mask)))
            }
            return bits(mask0) | bits(mask1) &<< 16 | bits(mask2) &<< 32 | bits(mask3) &<< 48
        }
        @_transparent func equal(_ byte: Int8) -> UInt64 {
            let value = SIMD16<Int8>(repeating: byte)
            return plane(lane0 .== value, lane1 .== value, lane2 .== value, lane3 .== value)
        }
        // Signed lanes: non-ASCII bytes are negative, so no digit.
        @_transparent func isDigit(_ lane: SIMD16<Int8>) -> SIMDMask<SIMD16<Int8>> {
            (lane .> SIMD16<Int8>(repeating: 0x2F)) .& (lane .< SIMD16<Int8>(repeating: 0x3A))
        }
        digits = plane(isDigit(lane0), isDigit(lane1), isDigit(lane2), isDigit(lane3))
        zeros = equal(0x30)
        minus = equal(0x2D)
        dots = equal(0x2E)
        @_transparent func isWhitespace(_ lane: SIMD16<Int8>) -> SIMDMask<SIMD16<Int8>> {
            lane .== SIMD16<Int8>(repeating: 0x20) .| lane .== SIMD16<Int8>(repeating: 0x0A)
                .| lane .== SIMD16<Int8>(repeating: 0x0D) .| lane .== SIMD16<Int8>(repeating: 0x09)
        }
        whitespace = plane(isWhitespace(lane0), isWhitespace(lane1), isWhitespace(lane2), isWhitespace(lane3))
        opens = equal(0x5B)
        closes = equal(0x5D)
        commas = equal(0x2C)
    }

    /// Where the token-by-token path goes on after a block it need not read.
    struct Run {
        /// The index after the block's last comma or closing bracket taken.
        var end: Int
        /// Whether that byte is a comma (a value follows) rather than a `]`.
        var expectsValue: Bool
    }

    /// Checks the bytes from `start`, the first byte of a value inside an array (a number or a
    /// `[`; anything else gives `nil`), up to the last comma or `]` of the 64 bytes there that
    /// it can take: numbers without an exponent, `[`, `]`, `,` and whitespace. `objects` and
    /// `depth` are the fast path's open containers; they are changed only when the bytes are
    /// taken. It stops after a `]` that leaves the outermost array or returns to an object.
    ///
    /// - Returns: where to go on, or `nil` when the block holds less than 32 bytes it can take
    ///   (a short array in an object is read faster token by token), or anything it cannot
    ///   certainly call valid.
    @_transparent
    static func run(
        _ base: UnsafeRawPointer, from start: Int, objects: inout UInt64, depth: inout Int, depthLimit: Int
    ) -> Run? {
        let block = NumberArrayBlock(base, at: start)
        let numbers = block.digits | block.minus | block.dots
        let known = numbers | block.whitespace | block.opens | block.closes | block.commas
        // Only the bytes before the first one of another class are read, up to the last
        // comma or `]` among them.
        let stops = (block.closes | block.commas) & lowBits(below: (~known).trailingZeroBitCount)
        guard stops != 0 else { return nil }
        var cut = 64 &- stops.leadingZeroBitCount
        var expectsValue = block.commas >> UInt64(cut &- 1) & 1 != 0

        // The grammar, checked on all of these bytes before the brackets below may stop short of
        // them: each rule is on a byte and the next one, so rules that hold on all of them hold
        // on the bytes up to any comma or `]` among them. Checked first, the masks are done with
        // before the loop over the brackets, which needs only two of them.
        let inside = lowBits(below: cut)
        let digits = block.digits & inside
        let minus = block.minus & inside
        let dots = block.dots & inside
        let number = numbers & inside
        let opens = block.opens & inside
        let closes = block.closes & inside
        let commas = block.commas & inside
        let whitespace = block.whitespace & inside
        /// For each bit of `ends`, the first byte after it that is not whitespace: a carry
        /// from the byte after it runs through the whitespace there and stops at that byte.
        @_transparent func next(_ ends: UInt64) -> UInt64 { ((ends &<< 1) &+ whitespace) & ~whitespace & inside }

        let starts = number & ~(number &<< 1)
        let numberEnds = number & ~(number &>> 1)
        // The first digit of each integer part: a number's first byte, or the one after its `-`.
        let integerStarts = (starts & ~minus) | (minus &<< 1)
        // The byte after each fraction's digits: a carry from the first one runs through them.
        let fractionEnds = (digits &+ (dots &<< 1)) & ~digits
        // Each term is the bytes that break a rule. RFC 8259 §6: a `-` is first and before a
        // digit; a `.` is between digits, once; no leading zero.
        var broken = minus & ~starts
        broken |= (minus &<< 1) & inside & ~digits
        broken |= dots & ~(digits &<< 1)
        broken |= (dots &<< 1) & inside & ~digits
        broken |= fractionEnds & dots
        broken |= ((integerStarts & block.zeros) &<< 1) & digits
        // RFC 8259 §5: after a value, `,` or `]`; after `[`, a value or `]`; after `,`, a value.
        broken |= next(numberEnds | closes) & ~(commas | closes)
        broken |= next(opens) & ~(number | opens | closes)
        broken |= next(commas) & ~(number | opens)
        guard broken == 0 else { return nil }

        // The brackets, in order, on the fast path's bit stack (0 for an array).
        var open = objects
        var level = depth
        var brackets = opens | closes
        while brackets != 0 {
            let index = brackets.trailingZeroBitCount
            brackets &= brackets &- 1
            if opens >> UInt64(index) & 1 != 0 {
                guard level < depthLimit else { return nil }
                open &<<= 1
                level &+= 1
            } else {
                // Every `]` here closes an array: the block starts inside one, opens only
                // arrays, and stops at the first `]` back in an object.
                open &>>= 1
                level &-= 1
                if level == 0 || open & 1 != 0 {
                    cut = index &+ 1
                    expectsValue = false
                    break
                }
            }
        }
        guard cut >= 32 else { return nil }
        objects = open
        depth = level
        return Run(end: start &+ cut, expectsValue: expectsValue)
    }

    /// The `count` lowest bits, for `count` in 0...64.
    @_transparent
    static func lowBits(below count: Int) -> UInt64 {
        count >= 64 ? ~0 : (1 &<< UInt64(count)) &- 1
    }
}
