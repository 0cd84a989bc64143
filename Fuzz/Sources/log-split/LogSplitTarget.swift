import DeeployPayload
import DeeployTestSupport
import FuzzSupport

private let splitter = LogSplitter(sniffer: Sniffers.builtIn)
private let endpoints: [InferenceEndpoint] = [.predict, .explain(image: nil), .completions, .chatCompletions]
private let bodyTypes: [MediaType?] = [.applicationJSON, nil, .applicationOctetStream]

/// Splitting one call into logs (`PayloadInvariants.checkSplit`, shared with the mutation fuzz
/// tests). The input is the request, a NUL byte, then the response (no NUL:
/// the same bytes on both sides). A split loses no byte: the request log holds both bodies
/// exactly; a split call's prediction logs each hold the original body with the split arrays
/// cut down to one entry, whose bytes, in order, are the original arrays' elements.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let request: [UInt8]
    let response: [UInt8]
    if let separator = bytes.firstIndex(of: 0) {
        request = Array(bytes[..<separator])
        response = Array(bytes[(separator + 1)...])
    } else {
        request = bytes
        response = bytes
    }
    // JSON on both sides on a success status for every endpoint (the splitting paths), then four
    // combinations chosen by the input's bytes.
    var calls = endpoints.map { (endpoint: $0, status: 200, requestType: MediaType?.some(.applicationJSON), responseType: MediaType?.some(.applicationJSON)) }
    var choices = bytes.withUnsafeBytes { SplitMix64(hashing: $0) }
    for _ in 0..<4 {
        calls.append((
            endpoints[choices.below(endpoints.count)], [200, 201, 500][choices.below(3)],
            bodyTypes[choices.below(bodyTypes.count)], bodyTypes[choices.below(bodyTypes.count)]
        ))
    }
    var trap = Invariant.Trap()
    for call in calls {
        let split = splitter.split(
            request: LoggedBody(contentType: call.requestType, bytes: request),
            response: LoggedBody(contentType: call.responseType, bytes: response),
            status: call.status, endpoint: call.endpoint)
        PayloadInvariants.checkSplit(split, request: request, response: response, status: call.status, into: &trap)
    }
    return 0
}
