import DeeployPayload
import DeeployTestSupport
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
    @Test func logSplitting() async {
        var run = FuzzRun("log-split")
        var splits = 0
        await run.forEachInput(fraction: 0.8) { run, bytes, rng in
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
            if PayloadInvariants.checkSplit(split, request: request, response: response, status: status, into: &run) { splits += 1 }
        }
        #expect(splits * 100 >= run.count, "only \(splits) of \(run.count) calls were split")
    }
}
