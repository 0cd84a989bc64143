import DeeployPayload
import DeeployTestSupport
import FuzzSupport

private let contentTypes: [String?] = [
    nil, "application/json", "application/json; charset=utf-8", "application/problem+json", "image/png",
    "application/octet-stream", "text/plain", "not a type",
]
private let statuses = [200, 204, 400, 404, 500, 503]

private let withSniffer = ResponseDecoder(sniffer: Sniffers.builtIn)
private let withoutSniffer = ResponseDecoder()

/// Decoding one response body under several statuses and Content-Types
/// (`PayloadInvariants.checkResponse`, shared with the mutation fuzz tests): a JSON type on a
/// success status decodes exactly when the parser accepts the body, to the parser's value;
/// anything else comes back byte for byte; an error status always throws, with a bounded
/// message; and here, where every type in the list is either valid or no media type at all,
/// a type that does not parse is an invalid Content-Type.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    // Six combinations per input, chosen by its bytes: all 96 would mostly repeat the sniffing.
    var choices = body.withUnsafeBytes { SplitMix64(hashing: $0) }
    var trap = Invariant.Trap()
    for _ in 0..<6 {
        let contentType = contentTypes[choices.below(contentTypes.count)]
        let status = statuses[choices.below(statuses.count)]
        let decoder = choices.below(2) == 0 ? withSniffer : withoutSniffer
        let outcome = PayloadInvariants.checkResponse(body, status: status, contentType: contentType, decoder: decoder, into: &trap)
        if status < 400, let contentType, MediaType(contentType) == nil {
            Invariant.require(outcome == .invalidContentType, "the invalid Content-Type \(contentType.debugDescription) decoded: \(outcome)")
        }
    }
    return 0
}
