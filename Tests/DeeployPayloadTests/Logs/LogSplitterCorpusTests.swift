import DeeployPayload
import StrictJSON
import Testing

@Suite struct LogSplitterCorpusTests {
    @Test func manifestListsPairs() {
        #expect(LogsCorpus.pairs.count == LogsCorpus.manifest["pairs"]?.arrayValue?.count)
        #expect(LogsCorpus.pairs.count >= 20)
    }

    @Test(arguments: LogsCorpus.pairs)
    func pairSplitsAsTheManifestSays(_ pair: LogsCorpus.Pair) throws {
        let request = try LogsCorpus.bytes(pair.request)
        let response = try LogsCorpus.bytes(pair.response)
        let endpoint = try #require(InferenceEndpoint(name: pair.endpoint))
        let split = LogSplitter().split(
            request: LoggedBody(contentType: MediaType(pair.requestType), bytes: request),
            response: LoggedBody(contentType: MediaType(pair.responseType), bytes: response),
            status: pair.status, endpoint: endpoint)

        #expect(split.predictionLogs.count == pair.predictionLogs)
        #expect(split.requestLog.outcome.isSplit == pair.split, "\(split.requestLog.outcome)")
        #expect(split.predictionLogs.map(\.index) == Array(0..<pair.predictionLogs))
        // Nothing is lost: the request log holds both bodies byte for byte.
        #expect(split.requestLog.request.bytes == request)
        #expect(split.requestLog.response.bytes == response)
        #expect(split.requestLog.status == pair.status)
        if !pair.split {
            #expect(split.requestLog.noSplitReason != nil)
        }
        // Every prediction-log body that exists is valid JSON.
        for log in split.predictionLogs {
            if let body = log.requestBody { #expect(JSONValidator.isValid(body)) }
            if let body = log.responseBody { #expect(JSONValidator.isValid(body)) }
        }
    }

    @Test func pairsGiveTheExpectedReasons() throws {
        let expected: [String: String] = [
            "pairs/v1-explain-lengths-differ": "length-mismatch",
            "pairs/v1-mismatched-lengths": "length-mismatch",
            "pairs/v1-single-instance": "single-entry",
            "pairs/v1-empty-instances": "no-entries",
            "pairs/v1-non-array-instances": "not-an-array",
            "pairs/v2-oip": "no-response-array",
            "pairs/v2-oip-outputs-same-count": "no-response-array",
            "pairs/completions-string-prompt": "not-an-array",
            "pairs/completions-lengths-differ": "length-mismatch",
            "pairs/image-request-json-response": "not-json",
            "pairs/json-request-binary-response": "binary-response",
            "pairs/error-500": "error-status",
            "pairs/error-404-text": "error-status",
            "pairs/request-not-json": "invalid-json",
        ]
        for pair in LogsCorpus.pairs {
            let split = LogSplitter().split(
                request: LoggedBody(contentType: MediaType(pair.requestType), bytes: try LogsCorpus.bytes(pair.request)),
                response: LoggedBody(contentType: MediaType(pair.responseType), bytes: try LogsCorpus.bytes(pair.response)),
                status: pair.status, endpoint: try #require(InferenceEndpoint(name: pair.endpoint)))
            #expect(split.requestLog.outcome.code == expected[pair.id] ?? "split", "\(pair.id)")
        }
    }
}
