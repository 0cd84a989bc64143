import DeeployPayload
import PropertyBased
import StrictJSON
import Testing

/// JSON values spelled in the ways a byte-level splitter could get wrong: odd number
/// spellings, escapes, nesting with brackets and commas inside strings, whitespace.
private let scalars = [
    "0", "-0", "1E400", "1.10", "-12.5e-3", "123456789012345678901234567890", "true", "false", "null",
    #""a""#, #""[1, 2]""#, #""\"],""#, #""\u00e9\ud83d\ude00""#, #""é😀""#, #""""#,
]
private let whitespace = ["", " ", "\n", "\t", " \r\n "]

private let element = zip(
    Gen<String?>.element(of: scalars).map { $0 ?? "0" },
    Gen<Int>.int(in: 0...4),
    Gen<String?>.element(of: whitespace).map { $0 ?? "" }
).map { value -> String in
    let (scalar, shape, space) = value
    return switch shape {
    case 0: scalar
    case 1: "[\(space)\(scalar),\(space)\(scalar)\(space)]"
    case 2: "{\(space)\"k\":\(space)\(scalar)}"
    case 3: "[[\(scalar)], {\"[\": [\(scalar)]}]"
    default: "[]"
    }
}

private let entries = element.array(of: 2...12)
private let space = Gen<String?>.element(of: whitespace).map { $0 ?? "" }

@Suite struct LogSplitterLosslessTests {
    /// The request entries, put back together in order, are the original array's entries byte
    /// for byte; so are the predictions; and the bytes around the arrays never change.
    @Test func splitEntriesReassembleTheOriginal() async {
        await propertyCheck(count: 300, input: entries, space) { entries, gap in
            let array = "[" + gap + entries.joined(separator: gap + "," + gap) + gap + "]"
            let predictions = "[" + entries.reversed().joined(separator: ",") + "]"
            let requestPrefix = #"{"id":\#(gap)"x", "instances":\#(gap)"#
            let requestSuffix = #"\#(gap),"parameters": {"a": [1, 2]}}"#
            let responsePrefix = #"{"predictions": "#
            let responseSuffix = #", "explanations": null}"#
            let split = splitStrings(requestPrefix + array + requestSuffix, responsePrefix + predictions + responseSuffix)
            #expect(split.predictionLogs.count == entries.count)

            var requestEntries: [String] = []
            var responseEntries: [String] = []
            for log in split.predictionLogs {
                guard let request = log.requestText, let response = log.responseText,
                    request.hasPrefix(requestPrefix + "["), request.hasSuffix("]" + requestSuffix),
                    response.hasPrefix(responsePrefix + "["), response.hasSuffix("]" + responseSuffix)
                else {
                    Issue.record("log \(log.index) changed the bytes around the array")
                    return
                }
                requestEntries.append(String(request.dropFirst(requestPrefix.count + 1).dropLast(requestSuffix.count + 1)))
                responseEntries.append(String(response.dropFirst(responsePrefix.count + 1).dropLast(responseSuffix.count + 1)))
            }
            #expect(requestEntries.joined(separator: ",") == entries.joined(separator: ","))
            #expect(responseEntries.joined(separator: ",") == entries.reversed().joined(separator: ","))
        }
    }

    /// The same property over the corpus's split pairs: each request entry's bytes are the
    /// original array's element bytes, in order.
    @Test func corpusSplitsReassemble() throws {
        for pair in CorpusManifest.shared.pairs where pair.split {
            let request = try CorpusManifest.bytes(pair.request)
            let endpoint = try #require(InferenceEndpoint(name: pair.endpoint))
            let split = LogSplitter().split(
                request: LoggedBody(contentType: MediaType(pair.requestType), bytes: request),
                response: LoggedBody(contentType: MediaType(pair.responseType), bytes: try CorpusManifest.bytes(pair.response)),
                status: pair.status, endpoint: endpoint)
            let plan = try #require(split.requestLog.splitPlan)
            let original = try #require(try JSONSpans.member(plan.requestKey, in: request))
            let originalElements = try JSONSpans.elements(ofArrayAt: original, in: request).map { Array(request[$0]) }
            var pieces: [[UInt8]] = []
            for log in split.predictionLogs {
                let body = try #require(log.requestBody)
                let value = try #require(try JSONSpans.member(plan.requestKey, in: body))
                let elements = try JSONSpans.elements(ofArrayAt: value, in: body)
                #expect(elements.count == 1)
                pieces += elements.map { Array(body[$0]) }
                // Everything outside the array is the original's, byte for byte.
                #expect(Array(body[..<value.lowerBound]) == Array(request[..<original.lowerBound]), "\(pair.id)")
                #expect(Array(body[value.upperBound...]) == Array(request[original.upperBound...]), "\(pair.id)")
            }
            #expect(pieces == originalElements, "\(pair.id)")
        }
    }
}

@Suite struct LogSplitterCorpusTests {
    @Test func manifestListsPairs() {
        #expect(CorpusManifest.shared.pairs.count >= 20)
        #expect(CorpusManifest.shared.pairs.count >= 20)
    }

    @Test(arguments: CorpusManifest.shared.pairs)
    func pairSplitsAsTheManifestSays(_ pair: CorpusManifest.Pair) throws {
        let request = try CorpusManifest.bytes(pair.request)
        let response = try CorpusManifest.bytes(pair.response)
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
        for pair in CorpusManifest.shared.pairs {
            let split = LogSplitter().split(
                request: LoggedBody(contentType: MediaType(pair.requestType), bytes: try CorpusManifest.bytes(pair.request)),
                response: LoggedBody(contentType: MediaType(pair.responseType), bytes: try CorpusManifest.bytes(pair.response)),
                status: pair.status, endpoint: try #require(InferenceEndpoint(name: pair.endpoint)))
            #expect(split.requestLog.outcome.code == expected[pair.id] ?? "split", "\(pair.id)")
        }
    }
}
