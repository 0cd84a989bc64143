#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Which bytes of 64 consecutive bytes of the input end a plain run inside a string
/// (``ByteClass/endsStringRun(_:)``: `"`, `\`, a control byte or a non-ASCII byte).
///
/// ``ValidatorFastPath`` keeps the block that the last string ended in. Each token's end
/// waits for the previous one's; most strings start and end in the same block as the
/// token before them, so with its stops at hand their end costs a shift and a bit scan
/// rather than a load at a just-computed address and the compares on it.
struct StringStopBlock {
    /// The index of the block's first byte.
    let start: Int
    /// Bit i is set when byte `start + i` ends a plain run.
    let stops: UInt64

    /// No block: every index is outside it.
    init() {
        start = -64
        stops = 0
    }

    /// The 64 bytes at `start`, which must be in bounds.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    init(_ base: UnsafeRawPointer, at start: Int) {
        self.start = start
        stops =
            UInt64(Self.stops(base, at: start)) | UInt64(Self.stops(base, at: start &+ 16)) &<< 16
            | UInt64(Self.stops(base, at: start &+ 32)) &<< 32 | UInt64(Self.stops(base, at: start &+ 48)) &<< 48
    }

    /// Whether `index` is inside the block.
    @_transparent
    func contains(_ index: Int) -> Bool { UInt(bitPattern: index &- start) < 64 }

    /// The stops of the 16 bytes at `offset`, one bit per byte.
    ///
    /// Vector against vector comparisons become `pcmpeqb`/`pcmpgtb`; comparing against a
    /// scalar, or asking `any()`, goes through a generic lane-by-lane loop.
    @_transparent  // `@inline(__always)` was not honoured on this hot path.
    static func stops(_ base: UnsafeRawPointer, at offset: Int) -> UInt16 {
        let bytes = load(base, at: offset)
        // Signed bytes: every non-ASCII byte is negative, so one `< 0x20` also finds them.
        let stops =
            (bytes .== SIMD16<Int8>(repeating: 0x22)) .| (bytes .== SIMD16<Int8>(repeating: 0x5C))
            .| (bytes .< SIMD16<Int8>(repeating: 0x20))
        return movemask(SIMD16<Int8>(repeating: 0).replacing(with: SIMD16<Int8>(repeating: -1), where: stops))
    }

    /// The 16 bytes at `offset`, as signed lanes.
    @_transparent
    static func load(_ base: UnsafeRawPointer, at offset: Int) -> SIMD16<Int8> {
        // The C intrinsic is always inlined; in the validator's loop the Swift inliner runs
        // out of budget and leaves `loadUnaligned` as a call.
        #if arch(x86_64)
        unsafeBitCast(_mm_loadu_si128((base + offset).assumingMemoryBound(to: __m128i.self)), to: SIMD16<Int8>.self)
        #else
        base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int8>.self)
        #endif
    }

    /// One bit per lane of `lanes`, each 0 or -1: lane i to bit i.
    @_transparent
    static func movemask(_ lanes: SIMD16<Int8>) -> UInt16 {
        #if arch(x86_64)
        UInt16(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(lanes, to: __m128i.self)))
        #else
        let words = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
        return UInt16(truncatingIfNeeded: ByteClass.laneBits(UInt64(littleEndian: words.0)) | ByteClass.laneBits(UInt64(littleEndian: words.1)) &<< 8)
        #endif
    }
}
