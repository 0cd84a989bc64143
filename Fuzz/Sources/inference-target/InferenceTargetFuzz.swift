import DeeployTestSupport
import FuzzSupport

/// Building a request target from a host, a workspace id and a deployment id
/// (`HeaderInvariants.checkTarget`, shared with the mutation fuzz tests): the input's
/// lines, in that order (missing ones take a valid default). Every input is either refused
/// with a typed error, or gives a URL that goes to `https://api.HOST` and to exactly the
/// deployment's path, with no other host, path segment, query or fragment.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let lines = UnsafeBufferPointer(start: data, count: size).split(separator: 0x0A, omittingEmptySubsequences: false)
    func line(_ index: Int, default fallback: String) -> String {
        index < lines.count ? String(decoding: lines[index], as: UTF8.self) : fallback
    }
    var trap = Invariant.Trap()
    HeaderInvariants.checkTarget(
        host: line(0, default: "example.deeploy.ml"), workspace: line(1, default: "ws-1"), deployment: line(2, default: "dep-1"),
        into: &trap)
    return 0
}
