import DeeployTestSupport
import Foundation
import FuzzSupport

/// Reading an `Authorization` value (`HeaderInvariants.checkAuthorization`, shared with the
/// mutation fuzz tests): the raw input as a value, and as the decoded part of a Basic value
/// and the token of a Bearer value. Whatever parses must render back to a value that parses
/// to the same credentials.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    var trap = Invariant.Trap()
    for value in [text, "Basic " + Data(bytes).base64EncodedString(), "Bearer " + text, "  bAsIc\t" + Data(bytes).base64EncodedString() + " "] {
        HeaderInvariants.checkAuthorization(value, into: &trap)
    }
    return 0
}
