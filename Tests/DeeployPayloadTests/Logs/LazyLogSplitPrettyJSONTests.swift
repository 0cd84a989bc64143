import DeeployPayload
import DeeployTestSupport
import StrictJSON
import Testing

/// `LazyLogSplit.writePrettyJSON(of:…)` and `writePredictionLogsPrettyJSON(…)` write, without
/// splicing or checking again, what the validating reformat writes of the request log's bodies
/// and of each spliced prediction log: the bytes `split --format json` printed before.
@Suite struct LazyLogSplitPrettyJSONTests {
    /// What the CLI wrote before: each spliced body through the validating reformat, in the
    /// array of `{"index", "requestBody", "responseBody"}` at level `indent`.
    static func expectedPredictionLogs(_ split: LazyLogSplit, indent: Int) throws -> [UInt8] {
        func spaces(_ level: Int) -> String { String(repeating: " ", count: 2 * level) }
        func body(_ bytes: [UInt8]?) throws -> [UInt8] {
            try bytes.map { try JSONSerializer(pretty: true).reformat($0, indent: indent + 2) } ?? Array("null".utf8)
        }
        var output = Array("[".utf8)
        for log in split.predictionLogs {
            output += Array("\(log.index == 0 ? "" : ",")\n\(spaces(indent + 1)){\n\(spaces(indent + 2))\"index\": \(log.index),\n".utf8)
            output += Array("\(spaces(indent + 2))\"requestBody\": ".utf8) + (try body(log.requestBody))
            output += Array(",\n\(spaces(indent + 2))\"responseBody\": ".utf8) + (try body(log.responseBody))
            output += Array("\n\(spaces(indent + 1))}".utf8)
        }
        return output + Array("\n\(spaces(indent))]".utf8)
    }

    static func predictionLogs(_ split: LazyLogSplit, indent: Int, chunkSize: Int = 1 << 16) -> [UInt8] {
        var output: [UInt8] = []
        split.writePredictionLogsPrettyJSON(indent: indent, chunkSize: chunkSize) { output.append(contentsOf: $0) }
        return output
    }

    static func body(_ split: LazyLogSplit, _ side: NoSplitReason.Side, indent: Int) -> [UInt8] {
        var output: [UInt8] = []
        split.writePrettyJSON(of: side, indent: indent) { output.append(contentsOf: $0) }
        return output
    }

    static func split(_ request: String, _ response: String, responseType: MediaType? = .applicationJSON, status: Int = 200) -> LazyLogSplit {
        LogSplitter().splitLazily(
            request: LoggedBody(contentType: nil, bytes: Array(request.utf8)),
            response: LoggedBody(contentType: responseType, bytes: Array(response.utf8)),
            status: status, endpoint: .predict)
    }

    /// Calls with whitespace, escapes, nested entries, members before and after the arrays,
    /// and two split arrays in the response (predictions and explanations, in either order).
    @Test func generatedSplitCallsComeOutAsTheSplicedBodiesReformatted() throws {
        var random = SplitMix64(seed: 2_121)
        let values = [
            "0", "-1.5e+3", "true", "null", #""a\u00e9\n""#, #""[1, \"x\"]""#, "[]", "{}", #"[1, [2, {"k": "v"}]]"#,
            #"{"a": 1, "a": [true, null]}"#, #""😀 é""#,
        ]
        let gaps = ["", " ", "\n  ", "\t"]
        var checked = 0
        for round in 0..<400 {
            let count = 2 + random.below(6)
            func gap() -> String { gaps[random.below(gaps.count)] }
            func entries() -> String {
                "[" + gap() + (0..<count).map { _ in values[random.below(values.count)] }.joined(separator: gap() + "," + gap()) + gap() + "]"
            }
            let request = "\(gap()){\(gap())\"id\": \"r\\/\(round)\",\(gap())\"instances\":\(gap())\(entries())\(gap())"
                + (random.below(2) == 0 ? ", \"parameters\": {\"t\": [0.5, \"\\u0041\"]}" : "") + "}\(gap())"
            let explanations = random.below(2) == 0 ? "\"explanations\": \(entries())" : "\"explanations\": null"
            let response = random.below(2) == 0
                ? "{\"predictions\": \(entries()), \(explanations), \"model\": \"m\"}"
                : "{\(explanations),\(gap())\"predictions\":\(entries())}"
            let split = Self.split(request, response)
            try #require(split.requestLog.outcome.isSplit, "round \(round): \(split.requestLog.outcome)")
            for indent in [1, 4] {
                #expect(Self.predictionLogs(split, indent: indent) == (try Self.expectedPredictionLogs(split, indent: indent)), "round \(round): \(request) \(response)")
            }
            #expect(Self.predictionLogs(split, indent: 1, chunkSize: 256) == (try Self.expectedPredictionLogs(split, indent: 1)))
            for side in NoSplitReason.Side.allCases {
                let bytes = side == .request ? split.requestLog.request.bytes : split.requestLog.response.bytes
                #expect(Self.body(split, side, indent: 3) == (try JSONSerializer(pretty: true).reformat(bytes, indent: 3)))
            }
            checked += 1
        }
        #expect(checked == 400)
    }

    /// Calls that are not split: one prediction log with the whole bodies, and `null` for a
    /// side kept as a binary object.
    @Test func unsplitCallsComeOutAsTheWholeBodiesReformatted() throws {
        let calls: [(LazyLogSplit, String)] = [
            (Self.split(#"{"instances": [1]}"#, #"{"predictions": [2]}"#), "single entry"),
            (Self.split(#"{"instances": [1, 2]}"#, #"{"error": "x\ty"}"#, status: 500), "error status"),
            (Self.split(#"{"instances": [1, 2]}"#, "\u{89}PNG", responseType: MediaType("image/png")), "binary response"),
            (Self.split(#"{"instances": [1, 2], }"#, #"{"predictions": [1, 2]}"#), "invalid request"),
            (Self.split(#"[1, 2]"#, #"{"predictions": [1, 2]}"#), "request not an object"),
        ]
        for (split, name) in calls {
            #expect(split.predictionLogs.count == 1, "\(name)")
            #expect(Self.predictionLogs(split, indent: 1) == (try Self.expectedPredictionLogs(split, indent: 1)), "\(name)")
            for side in NoSplitReason.Side.allCases {
                let payload = side == .request ? split.requestLog.request : split.requestLog.response
                let expected = payload.isJSON ? try JSONSerializer(pretty: true).reformat(payload.bytes, indent: 3) : Array("null".utf8)
                #expect(Self.body(split, side, indent: 3) == expected, "\(name), \(side)")
            }
        }
    }

    /// A member around the split array longer than 1 MiB is laid out again for each entry
    /// rather than kept: the output is the same.
    @Test func aLongMemberAroundTheArrayComesOutTheSame() throws {
        let long = String(repeating: "ab", count: 600_000)
        let split = Self.split(#"{"instances": [1, [2]], "note": "\#(long)", "more": {"x": [1]}}"#, #"{"predictions": [3, 4]}"#)
        #expect(split.requestLog.outcome.isSplit)
        #expect(Self.predictionLogs(split, indent: 1) == (try Self.expectedPredictionLogs(split, indent: 1)))
    }
}
