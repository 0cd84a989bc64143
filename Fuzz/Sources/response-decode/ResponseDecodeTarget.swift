import DeeployPayload
import FuzzSupport
import HTTPTypes
import StrictJSON

private let contentTypes: [String?] = [
    nil, "application/json", "application/json; charset=utf-8", "application/problem+json", "image/png",
    "application/octet-stream", "text/plain", "not a type",
]
private let statuses = [200, 204, 400, 404, 500, 503]

private let withSniffer = ResponseDecoder(sniffer: Sniffers.builtIn)
private let withoutSniffer = ResponseDecoder()

/// Decoding one response body under several statuses and Content-Types: a JSON type on a
/// success status decodes exactly when the parser accepts the body, to the parser's value;
/// anything else comes back byte for byte; an error status always throws, with a bounded message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let parsed = try? JSONParser.parse(body)
    // Six combinations per input, chosen by its bytes: all 96 would mostly repeat the sniffing.
    var choices = body.withUnsafeBytes { InputChoices($0) }
    for _ in 0..<6 {
        let contentType = contentTypes[choices.below(contentTypes.count)]
        let status = statuses[choices.below(statuses.count)]
        let decoder = choices.below(2) == 0 ? withSniffer : withoutSniffer
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        let declared = contentType.flatMap { MediaType($0) }
        let outcome = Result { () throws(ResponseError) in try decoder.decode(status: status, fields: fields, body: body) }
        check(outcome, status: status, declared: declared, contentType: contentType, parsed: parsed, body: body, decoder: decoder)
    }
    return 0
}

private func check(
    _ outcome: Result<DecodedBody, ResponseError>, status: Int, declared: MediaType?, contentType: String?,
    parsed: JSONValue?, body: [UInt8], decoder: ResponseDecoder
) {
    if status >= 400 {
        guard case .failure(.httpStatus(let reported, let message)) = outcome else {
            Invariant.fail("status \(status) did not throw httpStatus: \(outcome)")
        }
        Invariant.require(reported == status, "status \(status) reported as \(reported)")
        Invariant.require((message?.count ?? 0) <= decoder.maxErrorMessageLength + 1, "an error message longer than the limit")
        return
    }
    if contentType != nil, declared == nil {
        guard case .failure(.invalidContentType) = outcome else { Invariant.fail("an invalid Content-Type decoded: \(outcome)") }
        return
    }
    switch outcome {
    case .success(.json(let value)):
        Invariant.require(parsed == value, "decoded JSON differs from the parser's value")
    case .success(.binary(let binary)):
        Invariant.require(binary.bytes == body, "a binary body lost or changed bytes")
        Invariant.require(!binary.mediaType.isJSON, "a JSON type decoded as binary")
        if let declared { Invariant.require(!declared.isJSON, "declared JSON decoded as binary") }
    case .failure(.invalidJSON(let error)):
        Invariant.require(parsed == nil, "a parsable body was rejected as invalid JSON: \(error)")
    case .failure(let error):
        Invariant.fail("unexpected error for status \(status): \(error)")
    }
}
