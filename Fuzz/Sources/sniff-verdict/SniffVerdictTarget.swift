import DeeployPayload
import DeeployTestSupport
import FuzzSupport

/// Declared types to judge every input against: none, each accepted family, and some that are
/// not media types.
private let declaredTypes: [String?] = [
    nil, "application/json", "application/json; charset=utf-8", "image/png", "image/svg+xml", "text/plain",
    "text/html", "application/pdf", "application/octet-stream", "binary/octet-stream", "video/mp4", "json", "",
]

/// Sniffing and judging one payload (`PayloadInvariants`, shared with the mutation fuzz tests):
/// a verdict is the same when computed twice, a payload accepted as JSON without a declared
/// type parses, the sniffer's JSON check agrees with the validator; and here, sniffing twice
/// gives the same sniff, and the built-in text rules find markup wherever libmagic's do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // libmagic's text rules are slow; every 16th size goes through them as well.
    let sniffers = size % 16 == 0 ? [Sniffers.builtIn, Sniffers.libmagic] : [Sniffers.builtIn]
    var sniffs: [Sniff] = []
    var trap = Invariant.Trap()
    for sniffer in sniffers {
        guard let sniff = PayloadInvariants.checkSniff(bytes, with: sniffer, into: &trap) else { return 0 }
        // Sniffing costs a libmagic call for most inputs; repeat it for every eighth size only.
        if size % 8 == 0 {
            do {
                let again = try sniffer.sniff(.bytes(bytes))
                Invariant.require(again == sniff, "sniffing twice differs: \(sniff) vs \(again)")
            } catch {
                Invariant.fail("sniffing the same payload again failed: \(error)")
            }
        }
        sniffs.append(sniff)
        for policy in [AcceptancePolicy.deeploy, .strict] {
            for declared in declaredTypes {
                PayloadInvariants.checkVerdict(for: sniff, of: bytes, declared: declared, policy: policy, into: &trap)
            }
        }
    }
    // A verdict on declared text relies on this: where libmagic names text scriptable, so do
    // the built-in rules.
    if sniffs.count == 2, sniffs[0].evidence == .builtInText, sniffs[1].mediaType.isScriptable {
        Invariant.require(
            sniffs[0].mediaType.isScriptable,
            "libmagic names this text \(sniffs[1].mediaType), the built-in rules \(sniffs[0].mediaType)")
    }
    return 0
}
