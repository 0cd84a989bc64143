import DeeployPayload
import StrictJSON
import Testing

/// Splits `request` and `response` given as strings, both typed `application/json` unless told.
func splitStrings(
    _ request: String, _ response: String, status: Int = 200, endpoint: InferenceEndpoint = .predict,
    requestType: MediaType? = .applicationJSON, responseType: MediaType? = .applicationJSON, sniffer: Sniffer? = nil
) -> LogSplit {
    LogSplitter(sniffer: sniffer).split(
        request: LoggedBody(contentType: requestType, bytes: Array(request.utf8)),
        response: LoggedBody(contentType: responseType, bytes: Array(response.utf8)),
        status: status, endpoint: endpoint)
}

extension PredictionLog {
    var requestText: String? { requestBody.map { String(decoding: $0, as: UTF8.self) } }
    var responseText: String? { responseBody.map { String(decoding: $0, as: UTF8.self) } }
}

@Suite struct LogSplitterTests {
    @Test func v1PredictSplitsIntoOneLogPerInstance() {
        let split = splitStrings(#"{"instances": [[1, 2], [3, 4], [5, 6]]}"#, #"{"predictions": [0, 1, 0]}"#)
        #expect(split.predictionLogs.count == 3)
        #expect(split.predictionLogs.map(\.requestText) == [#"{"instances": [[1, 2]]}"#, #"{"instances": [[3, 4]]}"#, #"{"instances": [[5, 6]]}"#])
        #expect(split.predictionLogs.map(\.responseText) == [#"{"predictions": [0]}"#, #"{"predictions": [1]}"#, #"{"predictions": [0]}"#])
        #expect(split.requestLog.outcome == .split(SplitOutcome.Plan(requestKey: "instances", responseKeys: ["predictions"], count: 3)))
        #expect(split.requestLog.outcome.code == "split")
        #expect(split.requestLog.noSplitReason == nil)
    }

    /// The lazy form makes the same logs when they are read, at any index and more than once.
    @Test func lazySplitMakesEachLogWhenRead() {
        let request = LoggedBody(contentType: nil, bytes: Array(#"{"instances": [[1], {"a": 2}, "3"], "id": 7}"#.utf8))
        let response = LoggedBody(contentType: .applicationJSON, bytes: Array(#"{"predictions": [true, null, 0.5]}"#.utf8))
        let lazy = LogSplitter().splitLazily(request: request, response: response, status: 200, endpoint: .predict)
        #expect(lazy.requestLog.outcome.code == "split")
        #expect(lazy.predictionLogs.count == 3)
        #expect(lazy.predictionLogs[2].index == 2)
        #expect(lazy.predictionLogs[1].requestText == #"{"instances": [{"a": 2}], "id": 7}"#)
        #expect(lazy.predictionLogs[1].responseText == #"{"predictions": [null]}"#)
        #expect(lazy.predictionLogs[1] == lazy.predictionLogs[1])
        #expect(lazy.predictionLogs.map(\.index) == [0, 1, 2])

        let notSplit = LogSplitter().splitLazily(request: request, response: response, status: 503, endpoint: .predict)
        #expect(notSplit.requestLog.outcome.code == "error-status")
        #expect(Array(notSplit.predictionLogs) == [PredictionLog(index: 0, requestBody: request.bytes, responseBody: response.bytes)])
    }

    @Test func explainSplitsPredictionsAndExplanationsTogether() {
        let split = splitStrings(
            #"{"instances": [[39], [50]]}"#,
            #"{"predictions": [0, 1], "explanations": [{"anchor": ["a"]}, {"anchor": ["b"]}]}"#, endpoint: .explain())
        #expect(split.predictionLogs.map(\.responseText) == [
            #"{"predictions": [0], "explanations": [{"anchor": ["a"]}]}"#,
            #"{"predictions": [1], "explanations": [{"anchor": ["b"]}]}"#,
        ])
        #expect(split.requestLog.splitPlan?.responseKeys == ["predictions", "explanations"])
    }

    @Test func explanationsBeforePredictionsKeepTheirPlaces() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"explanations": ["x", "y"], "id": 7, "predictions": [true, false]}"#)
        #expect(split.predictionLogs.map(\.responseText) == [
            #"{"explanations": ["x"], "id": 7, "predictions": [true]}"#,
            #"{"explanations": ["y"], "id": 7, "predictions": [false]}"#,
        ])
    }

    @Test func explanationsAloneSplit() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"explanations": ["x", "y"]}"#, endpoint: .explain())
        #expect(split.predictionLogs.count == 2)
        #expect(split.requestLog.splitPlan?.responseKeys == ["explanations"])
    }

    @Test func nullMembersCountAsAbsent() {
        let split = splitStrings(#"{"instances": null, "inputs": [1, 2]}"#, #"{"predictions": [1, 2], "explanations": null}"#)
        #expect(split.requestLog.splitPlan == SplitOutcome.Plan(requestKey: "inputs", responseKeys: ["predictions"], count: 2))
    }

    @Test func explanationsOfAnotherLengthPreventTheSplit() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": [0, 1], "explanations": ["x"]}"#)
        #expect(split.predictionLogs.count == 1)
        #expect(split.requestLog.noSplitReason == .lengthMismatch(requestKey: "instances", requestCount: 2, responseKey: "explanations", responseCount: 1))
    }

    @Test func lengthMismatchGivesOneLogWithWholeBodies() {
        let request = #"{"instances": [[1], [2], [3]]}"#
        let response = #"{"predictions": [1, 0]}"#
        let split = splitStrings(request, response)
        #expect(split.predictionLogs.count == 1)
        #expect(split.predictionLogs[0].requestText == request)
        #expect(split.predictionLogs[0].responseText == response)
        #expect(split.requestLog.outcome.code == "length-mismatch")
        #expect(split.requestLog.noSplitReason?.description == #"the request's "instances" has 3 entries but the response's "predictions" has 2"#)
    }

    @Test func singleInstanceIsNotSplit() {
        let split = splitStrings(#"{"instances": [[5.1, 3.5]]}"#, #"{"predictions": [0]}"#)
        #expect(split.predictionLogs.count == 1)
        #expect(split.requestLog.noSplitReason == .singleEntry(key: "instances"))
        #expect(split.predictionLogs[0].requestText == #"{"instances": [[5.1, 3.5]]}"#)
    }

    @Test func emptyInstancesAreNotSplit() {
        let split = splitStrings(#"{"instances": []}"#, #"{"predictions": []}"#)
        #expect(split.predictionLogs.count == 1)
        #expect(split.requestLog.noSplitReason == .noEntries(key: "instances"))
    }

    @Test func inputsSplitLikeInstances() {
        let split = splitStrings(#"{"inputs":[{"a":1},{"a":2}]}"#, #"{"predictions":[0.25,0.75]}"#)
        #expect(split.predictionLogs.map(\.requestText) == [#"{"inputs":[{"a":1}]}"#, #"{"inputs":[{"a":2}]}"#])
        #expect(split.predictionLogs.map(\.responseText) == [#"{"predictions":[0.25]}"#, #"{"predictions":[0.75]}"#])
        #expect(split.requestLog.splitPlan?.requestKey == "inputs")
    }

    @Test func instancesWinOverInputs() {
        let split = splitStrings(#"{"inputs": [1, 2, 3], "instances": [1, 2]}"#, #"{"predictions": [7, 8]}"#)
        #expect(split.requestLog.splitPlan?.requestKey == "instances")
        #expect(split.predictionLogs.first?.requestText == #"{"inputs": [1, 2, 3], "instances": [1]}"#)
    }

    @Test func promptSplitsAlongChoicesForCompletions() {
        let split = splitStrings(
            #"{"prompt": ["Say hi", "Say bye"], "max_tokens": 5}"#, #"{"id": "c1", "choices": [{"text": "hi"}, {"text": "bye"}]}"#,
            endpoint: .completions)
        #expect(split.predictionLogs.map(\.requestText) == [#"{"prompt": ["Say hi"], "max_tokens": 5}"#, #"{"prompt": ["Say bye"], "max_tokens": 5}"#])
        #expect(split.predictionLogs.map(\.responseText) == [#"{"id": "c1", "choices": [{"text": "hi"}]}"#, #"{"id": "c1", "choices": [{"text": "bye"}]}"#])
        #expect(split.requestLog.splitPlan == SplitOutcome.Plan(requestKey: "prompt", responseKeys: ["choices"], count: 2))
    }

    @Test func promptIsNotASplitKeyForPredict() {
        let split = splitStrings(#"{"prompt": ["a", "b"]}"#, #"{"choices": [1, 2]}"#, endpoint: .predict)
        #expect(split.predictionLogs.count == 1)
        #expect(split.requestLog.noSplitReason == .noSplitArray)
    }

    @Test func stringPromptIsNotAnArray() {
        let split = splitStrings(#"{"prompt": "Say hi", "n": 2}"#, #"{"choices": [{"text": "hi"}, {"text": "hello"}]}"#, endpoint: .completions)
        #expect(split.requestLog.noSplitReason == .notAnArray(.request, key: "prompt"))
    }

    @Test func nonArrayPredictionsAreNotAnArray() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": {"a": 1}}"#)
        #expect(split.requestLog.noSplitReason == .notAnArray(.response, key: "predictions"))
        #expect(split.predictionLogs.count == 1)
    }

    @Test func responseWithoutPredictionsOrChoicesIsNotSplit() {
        let split = splitStrings(#"{"inputs": [{"name": "a"}, {"name": "b"}]}"#, #"{"model_name": "m", "outputs": [1, 2]}"#)
        #expect(split.requestLog.noSplitReason == .noResponseArray)
    }

    @Test func imageRequestIsABinaryObjectAndTheResponseStaysJSON() {
        let image: [UInt8] = Array("abc".utf8)
        let split = LogSplitter().split(
            request: LoggedBody(contentType: .imagePNG, bytes: image),
            response: LoggedBody(contentType: .applicationJSON, bytes: Array(#"{"predictions": [{"label": "cat"}]}"#.utf8)),
            status: 200, endpoint: .predict)
        let object = split.requestLog.request.binaryObject
        #expect(object?.mediaType == .imagePNG)
        #expect(object?.size == 3)
        #expect(object?.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(object?.bytes == image)
        #expect(split.requestLog.noSplitReason == .requestNotJSON(.imagePNG))
        #expect(split.requestLog.outcome.code == "not-json")
        #expect(split.predictionLogs.count == 1)
        #expect(split.predictionLogs[0].requestBody == nil)
        #expect(split.predictionLogs[0].responseText == #"{"predictions": [{"label": "cat"}]}"#)
        #expect(split.requestLog.response.isJSON)
    }

    @Test func binaryResponseIsABinaryObjectAndTheRequestStaysJSON() {
        let bytes: [UInt8] = [0, 1, 2, 3, 0xFF]
        let split = LogSplitter().split(
            request: LoggedBody(contentType: .applicationJSON, bytes: Array(#"{"instances": [[1, 2], [3, 4]]}"#.utf8)),
            response: LoggedBody(contentType: .applicationOctetStream, bytes: bytes),
            status: 200, endpoint: .predict)
        #expect(split.requestLog.noSplitReason == .binaryResponse(.applicationOctetStream))
        #expect(split.requestLog.outcome.code == "binary-response")
        #expect(split.requestLog.response.binaryObject?.bytes == bytes)
        #expect(split.requestLog.response.binaryObject?.size == 5)
        #expect(split.requestLog.request.isJSON)
        #expect(split.predictionLogs.count == 1)
        #expect(split.predictionLogs[0].responseBody == nil)
        #expect(split.predictionLogs[0].requestText == #"{"instances": [[1, 2], [3, 4]]}"#)
    }

    @Test(arguments: [400, 404, 422, 500, 503, 302, 100])
    func nonSuccessStatusesAreNotSplit(_ status: Int) {
        let split = splitStrings(#"{"instances": [[1], [2]]}"#, #"{"error": "model crashed"}"#, status: status)
        #expect(split.requestLog.noSplitReason == .errorStatus(status))
        #expect(split.requestLog.outcome.code == "error-status")
        #expect(split.predictionLogs.count == 1)
        #expect(split.predictionLogs[0].responseText == #"{"error": "model crashed"}"#)
        #expect(split.requestLog.status == status)
    }

    @Test func errorStatusWithATextBodyKeepsItAsABinaryObject() {
        let split = splitStrings(#"{"instances": [[1], [2]]}"#, "deployment not found\n", status: 404, responseType: .textPlain)
        #expect(split.requestLog.response.binaryObject?.mediaType == .textPlain)
        #expect(split.predictionLogs[0].responseBody == nil)
        #expect(split.predictionLogs[0].requestBody != nil)
    }

    @Test func requestClaimingJSONButTruncatedIsKeptWhole() throws {
        let request = #"{"instances": [[1], [2],"#
        let split = splitStrings(request, #"{"predictions": [1, 2]}"#)
        guard case .invalidJSON(.request, let error)? = split.requestLog.noSplitReason else {
            Issue.record("expected invalid-json, got \(split.requestLog.outcome)")
            return
        }
        #expect(error.offset == request.utf8.count)
        #expect(split.requestLog.request.binaryObject?.bytes == Array(request.utf8))
        #expect(split.requestLog.request.binaryObject?.mediaType == .applicationJSON)
        #expect(split.predictionLogs[0].requestBody == nil)
        #expect(split.requestLog.noSplitReason?.description.contains("claims JSON but is not") == true)
    }

    @Test func invalidResponseJSONIsRecorded() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": [1, 2]"#)
        #expect(split.requestLog.outcome.code == "invalid-json")
        if case .invalidJSON(let side, _)? = split.requestLog.noSplitReason { #expect(side == .response) } else { Issue.record("not invalid-json") }
        #expect(split.requestLog.response.binaryObject != nil)
    }

    @Test func topLevelArrayIsNotAnObject() {
        let split = splitStrings(#"[[1], [2]]"#, #"{"predictions": [1, 2]}"#)
        #expect(split.requestLog.noSplitReason == .notAnObject(.request))
        #expect(split.requestLog.request.isJSON)
        #expect(split.predictionLogs[0].requestText == #"[[1], [2]]"#)
    }

    @Test func repeatedTopLevelKeyIsNotSplit() {
        let split = splitStrings(#"{"instances": [1, 2], "instances": [3, 4]}"#, #"{"predictions": [1, 2]}"#)
        guard case .duplicateKey(.request, let error)? = split.requestLog.noSplitReason else {
            Issue.record("expected duplicate-key, got \(split.requestLog.outcome)")
            return
        }
        #expect(error.kind == .duplicateKey)
        #expect(split.requestLog.request.isJSON)
        #expect(split.predictionLogs.count == 1)
    }

    @Test func repeatedTopLevelKeyIsLocatedFromLineOne() {
        let split = splitStrings("{\"instances\": [1, 2],\n \"instances\": [3, 4]}", #"{"predictions": [1, 2]}"#)
        guard case .duplicateKey(.request, let error)? = split.requestLog.noSplitReason else {
            Issue.record("expected duplicate-key, got \(split.requestLog.outcome)")
            return
        }
        #expect(error.offset == 23)
        #expect(error.line == 2)
        #expect(error.column == 2)
        #expect(split.requestLog.noSplitReason?.description.contains("line 0") == false)
    }

    @Test func repeatedKeyInABrokenBodyIsInvalidJSON() {
        let split = splitStrings(#"{"instances": [1, 2], "instances": [3, 4]"#, #"{"predictions": [1, 2]}"#)
        #expect(split.requestLog.outcome.code == "invalid-json")
    }

    @Test func missingRequestContentTypeMeansJSON() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": [1, 2]}"#, requestType: nil)
        #expect(split.predictionLogs.count == 2)
        #expect(split.requestLog.request.mediaType == .applicationJSON)
    }

    @Test func missingResponseContentTypeWithoutSnifferIsBinary() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": [1, 2]}"#, responseType: nil)
        #expect(split.requestLog.noSplitReason == .binaryResponse(.applicationOctetStream))
    }

    @Test func missingResponseContentTypeIsSniffed() throws {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": [1, 2]}"#, responseType: nil, sniffer: try Sniffer())
        #expect(split.predictionLogs.count == 2)
        #expect(split.requestLog.response.mediaType.isJSON)
    }

    @Test func jsonSuffixTypesAreJSON() throws {
        let type = try #require(MediaType("application/vnd.deeploy+json; charset=utf-8"))
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": [1, 2]}"#, requestType: type, responseType: type)
        #expect(split.predictionLogs.count == 2)
        #expect(split.requestLog.request.mediaType == type)
    }

    @Test func otherMembersAndWhitespaceStayByteForByte() {
        let request = "{\"signature_name\" :\t\"serving_default\",\n  \"instances\" : [ {\"x\": 1} ,\n {\"x\": 2} ] , \"parameters\": {\"threshold\": 0.50}\n}\n"
        let split = splitStrings(request, #"{"model": "m", "predictions": [{"y": 0}, {"y": 1}], "predictionLogIds": ["a", "b"]}"#)
        #expect(split.predictionLogs.map(\.requestText) == [
            "{\"signature_name\" :\t\"serving_default\",\n  \"instances\" : [{\"x\": 1}] , \"parameters\": {\"threshold\": 0.50}\n}\n",
            "{\"signature_name\" :\t\"serving_default\",\n  \"instances\" : [{\"x\": 2}] , \"parameters\": {\"threshold\": 0.50}\n}\n",
        ])
        #expect(split.predictionLogs[1].responseText == #"{"model": "m", "predictions": [{"y": 1}], "predictionLogIds": ["a", "b"]}"#)
    }

    @Test func numbersAndStringsKeepTheirSpelling() throws {
        let split = splitStrings(
            #"{"instances": [1E400, -0, 123456789012345678901234567890, "\u00e9\ud83d\ude00"]}"#,
            #"{"predictions": [1.10, -0.0, 1e2, "h\u00E9"]}"#)
        #expect(split.predictionLogs.map(\.requestText) == [
            #"{"instances": [1E400]}"#, #"{"instances": [-0]}"#, #"{"instances": [123456789012345678901234567890]}"#,
            #"{"instances": ["\u00e9\ud83d\ude00"]}"#,
        ])
        #expect(split.predictionLogs.map(\.responseText) == [
            #"{"predictions": [1.10]}"#, #"{"predictions": [-0.0]}"#, #"{"predictions": [1e2]}"#, #"{"predictions": ["h\u00E9"]}"#,
        ])
    }

    @Test func predictionLogsParseOnDemand() throws {
        let split = splitStrings(#"{"instances": [[1, 2], [3, 4]]}"#, #"{"predictions": [0, 1]}"#)
        #expect(try split.predictionLogs[1].requestJSON() == ["instances": [[3, 4]]])
        #expect(try split.predictionLogs[1].responseJSON() == ["predictions": [1]])
        #expect(try split.requestLog.request.json() == ["instances": [[1, 2], [3, 4]]])
        let image = splitStrings("x", #"{"predictions": [0]}"#, requestType: .imagePNG)
        #expect(try image.predictionLogs[0].requestJSON() == nil)
        #expect(try image.requestLog.request.json() == nil)
    }

    @Test func requestLogRecordsTheEndpoint() {
        let split = splitStrings(#"{"instances": [1, 2]}"#, #"{"predictions": [1, 2]}"#, endpoint: .explain(image: true))
        #expect(split.requestLog.endpoint == .explain(image: true))
    }

    @Test func chatCompletionsMayAlsoSplitOnPrompt() {
        let split = splitStrings(#"{"prompt": ["a", "b"]}"#, #"{"choices": [1, 2]}"#, endpoint: .chatCompletions)
        #expect(split.predictionLogs.count == 2)
    }

    @Test func requestKeysDependOnTheEndpoint() {
        #expect(LogSplitter.requestKeys(for: .predict) == ["instances", "inputs"])
        #expect(LogSplitter.requestKeys(for: .completions) == ["instances", "inputs", "prompt"])
    }
}

@Suite struct NoSplitReasonTests {
    static let error = JSONError(kind: .unexpectedEnd, offset: 4, line: 1, column: 5, expected: "a value", found: nil)
    static let all: [NoSplitReason] = [
        .errorStatus(500), .requestNotJSON(.imagePNG), .binaryResponse(.applicationOctetStream), .invalidJSON(.request, error),
        .notAnObject(.response), .duplicateKey(.request, error), .noSplitArray, .notAnArray(.request, key: "prompt"),
        .noEntries(key: "instances"), .singleEntry(key: "inputs"), .noResponseArray,
        .lengthMismatch(requestKey: "instances", requestCount: 3, responseKey: "predictions", responseCount: 2),
    ]

    @Test func everyCodeIsListedOnce() {
        #expect(Self.all.map(\.code) == NoSplitReason.codes)
        #expect(Set(NoSplitReason.codes).count == NoSplitReason.codes.count)
    }

    @Test func codesAreStable() {
        #expect(NoSplitReason.codes == [
            "error-status", "not-json", "binary-response", "invalid-json", "not-an-object", "duplicate-key",
            "no-split-array", "not-an-array", "no-entries", "single-entry", "no-response-array", "length-mismatch",
        ])
    }

    @Test func descriptionsSayWhatWasFound() {
        #expect(NoSplitReason.errorStatus(500).description == "the response status is 500, not 2xx")
        #expect(NoSplitReason.requestNotJSON(.imagePNG).description == "the request is image/png, not JSON; it is kept as a binary object")
        #expect(NoSplitReason.invalidJSON(.request, Self.error).description.contains("line 1, column 5 (byte 4)"))
        #expect(NoSplitReason.notAnArray(.request, key: "prompt").description == #"the request's "prompt" is not an array"#)
        #expect(NoSplitReason.singleEntry(key: "inputs").description == #"the request's "inputs" has a single entry"#)
        for reason in Self.all { #expect(!reason.description.isEmpty) }
    }

    @Test func outcomeCodes() {
        #expect(SplitOutcome.split(SplitOutcome.Plan(requestKey: "instances", responseKeys: ["predictions"], count: 2)).code == "split")
        #expect(SplitOutcome.notSplit(.noSplitArray).code == "no-split-array")
        #expect(SplitOutcome.split(SplitOutcome.Plan(requestKey: "prompt", responseKeys: ["choices"], count: 2)).description
            == "split into 2 prediction logs along prompt and choices")
        #expect(SplitOutcome.notSplit(.noResponseArray).isSplit == false)
    }
}
