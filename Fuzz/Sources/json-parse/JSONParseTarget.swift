import DeeployTestSupport
import FuzzSupport
import StrictJSON

/// The JSON readers on one document (`JSONInvariants`, shared with the mutation fuzz tests): the
/// validator, the streaming validator fed chunk splits chosen by the input's bytes, the parser
/// and the spans reader must agree (same acceptance, same error), and a parsed value must
/// serialise to text that parses back to an equal value and serialises to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var trap = Invariant.Trap()
    for options in [JSONOptions(), JSONOptions(maxDepth: 6, maxSize: 300, allowByteOrderMark: true, allowUnpairedSurrogates: true)] {
        var choices = bytes.withUnsafeBytes { SplitMix64(hashing: $0) }
        JSONInvariants.checkReaders(bytes, options: options, chunks: choices.chunkRanges(count: size), into: &trap)
    }
    return 0
}
