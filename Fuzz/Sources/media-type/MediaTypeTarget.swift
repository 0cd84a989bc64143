import DeeployTestSupport
import FuzzSupport

/// Parsing a Content-Type value (`HeaderInvariants.checkMediaType`, shared with the mutation
/// fuzz tests): the failable and throwing parsers agree, a parsed value's serialisation parses
/// back to an equal value and is a fixed point, and the header normaliser agrees with the
/// parser on values without CR, LF or NUL.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let string = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var trap = Invariant.Trap()
    HeaderInvariants.checkMediaType(string, into: &trap)
    return 0
}
