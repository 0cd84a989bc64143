import DeeployPayload
import FuzzSupport
import StrictJSON

private let splitter = LogSplitter(sniffer: Sniffers.builtIn)
private let endpoints: [InferenceEndpoint] = [.predict, .explain(image: nil), .completions, .chatCompletions]
private let bodyTypes: [MediaType?] = [.applicationJSON, nil, .applicationOctetStream]

/// Splitting one call into logs. The input is the request, a NUL byte, then the response (no NUL:
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
    var choices = bytes.withUnsafeBytes { InputChoices($0) }
    for _ in 0..<4 {
        calls.append((
            endpoints[choices.below(endpoints.count)], [200, 201, 500][choices.below(3)],
            bodyTypes[choices.below(bodyTypes.count)], bodyTypes[choices.below(bodyTypes.count)]
        ))
    }
    for call in calls {
        let split = splitter.split(
            request: LoggedBody(contentType: call.requestType, bytes: request),
            response: LoggedBody(contentType: call.responseType, bytes: response),
            status: call.status, endpoint: call.endpoint)
        check(split, request: request, response: response, status: call.status)
    }
    return 0
}

private func check(_ split: LogSplit, request: [UInt8], response: [UInt8], status: Int) {
    Invariant.require(split.requestLog.request.bytes == request, "the request log lost request bytes")
    Invariant.require(split.requestLog.response.bytes == response, "the request log lost response bytes")
    Invariant.require(!split.predictionLogs.isEmpty, "no prediction logs")
    Invariant.require(split.predictionLogs.map(\.index) == Array(split.predictionLogs.indices), "prediction logs out of order")
    guard let plan = split.requestLog.splitPlan else {
        Invariant.require(split.predictionLogs.count == 1, "an unsplit call has \(split.predictionLogs.count) prediction logs")
        let log = split.predictionLogs[0]
        Invariant.require(log.requestBody == nil || log.requestBody == request, "an unsplit request body changed")
        Invariant.require(log.responseBody == nil || log.responseBody == response, "an unsplit response body changed")
        return
    }
    Invariant.require((200..<300).contains(status), "a call with status \(status) was split")
    Invariant.require(plan.count > 1 && split.predictionLogs.count == plan.count, "\(split.predictionLogs.count) logs for \(plan.count) entries")
    reassembles(split.predictionLogs.map(\.requestBody), original: request, keys: [plan.requestKey])
    reassembles(split.predictionLogs.map(\.responseBody), original: response, keys: plan.responseKeys)
}

/// Each body is the original outside the arrays named by `keys`; the arrays hold one element
/// each, and those elements, in order, are the original arrays' elements byte for byte.
private func reassembles(_ bodies: [[UInt8]?], original: [UInt8], keys: [String]) {
    do {
        for key in keys {
            guard let value = try JSONSpans.member(key, in: original) else { Invariant.fail("the split member \(key) is gone") }
            let elements = try JSONSpans.elements(ofArrayAt: value, in: original).map { Array(original[$0]) }
            var pieces: [[UInt8]] = []
            for body in bodies {
                guard let body else { Invariant.fail("a split call has a prediction log without a body") }
                guard let part = try JSONSpans.member(key, in: body) else { Invariant.fail("a prediction log lost \(key)") }
                let single = try JSONSpans.elements(ofArrayAt: part, in: body)
                Invariant.require(single.count == 1, "a prediction log's \(key) holds \(single.count) entries")
                pieces.append(Array(body[single[0]]))
                if keys.count == 1 {
                    Invariant.require(Array(body[..<part.lowerBound]) == Array(original[..<value.lowerBound]), "bytes before \(key) changed")
                    Invariant.require(Array(body[part.upperBound...]) == Array(original[value.upperBound...]), "bytes after \(key) changed")
                }
            }
            Invariant.require(pieces == elements, "the entries of \(key) do not reassemble the original array")
        }
    } catch {
        Invariant.fail("a split body is not valid JSON: \(error)")
    }
}
