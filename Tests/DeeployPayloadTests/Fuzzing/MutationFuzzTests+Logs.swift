import DeeployPayload
import StrictJSON
import Testing

extension MutationFuzzTests {
    static let endpoints: [InferenceEndpoint] = [.predict, .explain(image: nil), .completions, .chatCompletions, .embeddings]
    static let bodyTypes: [MediaType?] = [.applicationJSON, .applicationJSON, nil, .applicationOctetStream, MediaType("application/problem+json")]
    static let logSplitter = LogSplitter(sniffer: builtInSniffer)

    /// `LogSplitter.split` of a corpus pair with the request, the response or both mutated (or
    /// replaced by the iteration's input), under random types, statuses and endpoints. A split
    /// loses no byte: the request log holds both bodies exactly, and each prediction log is the
    /// original body with the split arrays cut to one entry whose bytes, in order, are the
    /// original arrays' elements. Splitting twice gives the same logs.
    @Test func logSplitting() {
        var run = FuzzRun("log-split")
        var splits = 0
        run.forEachInput(fraction: 0.8) { run, bytes, rng in
            let pair = rng.pick(FuzzSeeds.pairs)
            var request = pair.request
            var response = pair.response
            switch rng.below(8) {
            case 0: request = bytes
            case 1: response = bytes
            case 2: request = FuzzInputs.mutate(request, rng: &rng)
            case 3: response = FuzzInputs.mutate(response, rng: &rng)
            case 4:
                request = FuzzInputs.mutate(request, rng: &rng)
                response = FuzzInputs.mutate(response, rng: &rng)
            default:
                EntryMutator.mutate(request: &request, response: &response, rng: &rng)
            }
            run.saving(request + [0] + response)
            let requestType = rng.oneIn(2) ? pair.requestType : rng.pick(Self.bodyTypes)
            let responseType = rng.oneIn(2) ? pair.responseType : rng.pick(Self.bodyTypes)
            let status = rng.oneIn(4) ? rng.pick(Self.statuses) : pair.status
            let endpoint = rng.oneIn(4) ? rng.pick(Self.endpoints) : pair.endpoint
            let split = Self.logSplitter.split(
                request: LoggedBody(contentType: requestType, bytes: request),
                response: LoggedBody(contentType: responseType, bytes: response),
                status: status, endpoint: endpoint)
            let again = Self.logSplitter.split(
                request: LoggedBody(contentType: requestType, bytes: request),
                response: LoggedBody(contentType: responseType, bytes: response),
                status: status, endpoint: endpoint)
            run.check(split == again, "splitting twice gives different logs")
            if Self.checkSplit(split, request: request, response: response, status: status, run: &run) { splits += 1 }
        }
        #expect(splits * 100 >= run.count, "only \(splits) of \(run.count) calls were split")
    }

    /// Checks one split's losslessness; true when the call was split.
    static func checkSplit(_ split: LogSplit, request: [UInt8], response: [UInt8], status: Int, run: inout FuzzRun) -> Bool {
        run.check(split.requestLog.request.bytes == request, "the request log lost request bytes")
        run.check(split.requestLog.response.bytes == response, "the request log lost response bytes")
        run.check(split.predictionLogs.map(\.index) == Array(0..<split.predictionLogs.count), "prediction logs missing or out of order")
        guard let plan = split.requestLog.splitPlan else {
            run.check(split.predictionLogs.count == 1, "an unsplit call has \(split.predictionLogs.count) prediction logs")
            let log = split.predictionLogs.first
            run.check(log?.requestBody == nil || log?.requestBody == request, "an unsplit request body changed")
            run.check(log?.responseBody == nil || log?.responseBody == response, "an unsplit response body changed")
            return false
        }
        run.check((200..<300).contains(status), "a call with status \(status) was split")
        run.check(plan.count > 1 && split.predictionLogs.count == plan.count, "\(split.predictionLogs.count) logs for \(plan.count) entries")
        reassembles(split.predictionLogs.map(\.requestBody), original: request, keys: [plan.requestKey], run: &run)
        reassembles(split.predictionLogs.map(\.responseBody), original: response, keys: plan.responseKeys, run: &run)
        return true
    }

    /// Whether each body is the original outside the arrays named by `keys`, and those arrays'
    /// single entries, in order, are the original arrays' elements byte for byte.
    private static func reassembles(_ bodies: [[UInt8]?], original: [UInt8], keys: [String], run: inout FuzzRun) {
        do {
            for key in keys {
                guard let value = try JSONSpans.member(key, in: original) else {
                    run.check(false, "the split member \(key) is not in the original")
                    return
                }
                let elements = try JSONSpans.elements(ofArrayAt: value, in: original).map { Array(original[$0]) }
                var pieces: [[UInt8]] = []
                for body in bodies {
                    guard let body, let part = try JSONSpans.member(key, in: body) else {
                        run.check(false, "a prediction log has no body, or its body lost \(key)")
                        return
                    }
                    let single = try JSONSpans.elements(ofArrayAt: part, in: body)
                    run.check(single.count == 1, "a prediction log's \(key) holds \(single.count) entries")
                    pieces += single.map { Array(body[$0]) }
                    if keys.count == 1 {
                        run.check(body[..<part.lowerBound] == original[..<value.lowerBound], "bytes before \(key) changed")
                        run.check(body[part.upperBound...] == original[value.upperBound...], "bytes after \(key) changed")
                    }
                }
                run.check(pieces == elements, "the entries of \(key) do not reassemble the original array")
            }
        } catch {
            run.check(false, "a split body is not valid JSON: \(error)")
        }
    }
}
