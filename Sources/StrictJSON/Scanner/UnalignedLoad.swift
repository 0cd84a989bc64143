#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Little-endian words read from any byte offset, for the hot loops.
///
/// `loadUnaligned(fromByteOffset:as:)` and `UInt64(littleEndian:)` are generic, and a release
/// build made by SwiftPM compiles a module in several parts at once (`-num-threads`): when the
/// Swift inliner leaves them as calls, as it does in the validator's large loop, their
/// specialisations land in another part, where LLVM cannot inline them either, and each number
/// and separator cost a call. The SSE2 intrinsics are C functions that every part inlines. In a
/// harness compiled that way (`-num-threads 2`), validating 1 MiB of small objects took 641 µs
/// with the generic loads (a call at each `, "` and `": "`) and 606 µs with these.
enum UnalignedLoad {
    /// The 8 bytes at `offset`, the first in the lowest bits.
    @_transparent
    static func word(_ base: UnsafeRawPointer, at offset: Int) -> UInt64 {
        #if arch(x86_64)
        UInt64(bitPattern: _mm_cvtsi128_si64(_mm_loadl_epi64((base + offset).assumingMemoryBound(to: __m128i.self))))
        #else
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        #endif
    }

    /// The 2 bytes at `offset`, the first in the lowest bits.
    @_transparent
    static func pair(_ base: UnsafeRawPointer, at offset: Int) -> UInt16 {
        #if arch(x86_64)
        UInt16(truncatingIfNeeded: _mm_cvtsi128_si32(_mm_loadu_si16(base + offset)))
        #else
        UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
        #endif
    }
}
