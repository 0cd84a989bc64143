import StrictJSON
import Testing

@Suite("split")
struct SplitTests {
    static let request = #"{"instances": [[1, 2], [3, 4]], "id": "x"}"#
    static let response = #"{"predictions": [0.5, 1e3]}"#

    @Test func jsonSplitsIntoPredictionLogs() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", Self.request)
        let response = try folder.write("response.json", Self.response)
        let result = try CLI.run(["split", "--request", request, "--response", response, "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try result.json().objectValue)
        #expect(object.keys == ["requestLog", "predictionLogs"])
        let log = try #require(object["requestLog"]?.objectValue)
        #expect(log.keys == ["endpoint", "status", "request", "response", "outcome", "split", "noSplitReason"])
        #expect(log["endpoint"] == "predict")
        #expect(log["status"]?.int64Value == 200)
        #expect(log["outcome"] == "split")
        #expect(log["noSplitReason"] == .null)
        #expect(log["split"]?["count"]?.int64Value == 2)
        #expect(log["split"]?["requestKey"] == "instances")
        #expect(log["request"]?["contentType"] == "application/json")
        #expect(log["request"]?["size"]?.int64Value == Int64(Self.request.utf8.count))
        #expect(log["request"]?["stored"] == "json")
        #expect(log["request"]?["sha256"] == .null)
        let predictions = try #require(object["predictionLogs"]?.arrayValue)
        #expect(predictions.count == 2)
        #expect(predictions[1].objectValue?.keys == ["index", "requestBody", "responseBody"])
        #expect(predictions[1]["index"]?.int64Value == 1)
        #expect(predictions[1]["requestBody"] == (try JSONParser.parse(#"{"instances": [[3, 4]], "id": "x"}"#)))
        #expect(predictions[1]["responseBody"] == (try JSONParser.parse(#"{"predictions": [1e3]}"#)))
    }

    @Test func binaryRequestIsKeptAsObjectAndNotSplit() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("cat.png", Samples.png)
        let response = try folder.write("response.json", Self.response)
        let result = try CLI.run(
            ["split", "--request", request, "--request-type", "image/png", "--response", response, "--format", "json"])
        #expect(result.status == 0)
        let log = try #require(try result.json()["requestLog"])
        #expect(log["outcome"] == "not-json")
        #expect(log["noSplitReason"]?.stringValue?.contains("image/png") == true)
        #expect(log["request"]?["stored"] == "binary")
        #expect(log["request"]?["size"]?.int64Value == Int64(Samples.png.count))
        #expect(log["request"]?["sha256"]?.stringValue?.count == 64)
        #expect(log["request"]?["body"] == .null)
        let predictions = try #require(try result.json()["predictionLogs"]?.arrayValue)
        #expect(predictions.count == 1)
        #expect(predictions[0]["requestBody"] == .null)
        #expect(predictions[0]["responseBody"]?["predictions"]?.arrayValue?.count == 2)
    }

    @Test func lengthMismatchGivesTheReason() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", Self.request)
        let response = try folder.write("response.json", #"{"predictions": [1]}"#)
        let result = try CLI.run(["split", "--request", request, "--response", response, "--format", "json"])
        #expect(try result.json()["requestLog"]?["outcome"] == "length-mismatch")
    }

    @Test func errorStatusIsNotSplit() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", Self.request)
        let response = try folder.write("response.json", Self.response)
        let result = try CLI.run(["split", "--request", request, "--response", response, "--status", "500", "--format", "json"])
        #expect(try result.json()["requestLog"]?["outcome"] == "error-status")
        #expect(try result.json()["requestLog"]?["status"]?.int64Value == 500)
    }

    @Test func completionsSplitAlongPromptAndChoices() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", #"{"prompt": ["a", "b"]}"#)
        let response = try folder.write("response.json", #"{"choices": [{"text": "1"}, {"text": "2"}]}"#)
        let result = try CLI.run(
            ["split", "--endpoint", "completions", "--request", request, "--response", response, "--format", "json"])
        let log = try #require(try result.json()["requestLog"])
        #expect(log["endpoint"] == "completions")
        #expect(log["split"]?["requestKey"] == "prompt")
        #expect(log["split"]?["responseKeys"] == ["choices"])
    }

    @Test func textShowsEachPredictionLog() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", Self.request)
        let result = try CLI.run(["split", "--request", request, "--response", "-"], input: .pipe(Array(Self.response.utf8)))
        #expect(result.status == 0)
        #expect(result.stdout.contains("outcome:  split into 2 prediction logs"))
        #expect(result.stdout.contains("prediction log 1\n  request:  {\"instances\": [[3, 4]], \"id\": \"x\"}\n"))
        #expect(result.stdout.contains("  response: {\"predictions\": [1e3]}\n"))
    }

    @Test func missingFileFails() throws {
        let folder = try TemporaryFolder()
        let response = try folder.write("response.json", Self.response)
        let result = try CLI.run(["split", "--request", folder.path("missing.json"), "--response", response])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read"))
    }

    @Test func aBodyLargerThanMaxSizeFails() throws {
        let folder = try TemporaryFolder()
        let response = try folder.write("response.json", Self.response)
        let result = try CLI.run(["split", "--request", "/dev/zero", "--response", response, "--max-size", "64K"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'/dev/zero' holds more than 64K (65536 bytes)"))
    }

    @Test func invalidRequestTypeFails() throws {
        let result = try CLI.run(["split", "--request", "a", "--response", "b", "--request-type", "nonsense"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("media type"))
    }

    @Test func unknownEndpointIsAUsageError() throws {
        let result = try CLI.run(["split", "--request", "a", "--response", "b", "--endpoint", "train"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("chat/completions"))
    }

    @Test func missingRequiredOptionIsAUsageError() throws {
        let result = try CLI.run(["split", "--request", "a"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--response"))
    }

    /// Issue 21, defect 18: a body that ends in a newline is previewed without a blank line after it.
    @Test func previewOfABodyEndingInANewlineHasNoBlankLine() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write("request.json", "{\"instances\": [[1]]}\n")
        let response = try folder.write("response.json", "{\"predictions\": [1]}\r\n")
        let result = try CLI.run(["split", "--request", request, "--response", response])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  request:  {\"instances\": [[1]]}\n  response: "))
        #expect(!result.stdout.contains("\n\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("\r"))
    }

    /// Issue 21, defect 3: a body that repeats a member name keeps every member, in order, in
    /// the JSON output (from its exact bytes, laid out as the rest), and in the text preview.
    @Test func repeatedMembersAreKeptInJSON() throws {
        let folder = try TemporaryFolder()
        let requestBody = #"{"instances": [{"a": 1, "a": 2}, {"b": 3}], "id": 1, "id": 2}"#
        let request = try folder.write("request.json", requestBody)
        let response = try folder.write("response.json", Self.response)
        let result = try CLI.run(["split", "--request", request, "--response", response, "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try result.json().objectValue)
        #expect(object.keys == ["requestLog", "predictionLogs"])
        #expect(object["requestLog"]?["outcome"] == "duplicate-key")
        let body = """
                  "body": {
                    "instances": [
                      {
                        "a": 1,
                        "a": 2
                      },
                      {
                        "b": 3
                      }
                    ],
                    "id": 1,
                    "id": 2
                  }
            """
        // Once in the request log and once in the one prediction log, at the same depth.
        #expect(result.stdout.contains(body), "\(result.stdout)")
        let predictionBody = body.replacingOccurrences(of: "\"body\"", with: "\"requestBody\"")
        #expect(result.stdout.contains(predictionBody), "\(result.stdout)")
        let text = try CLI.run(["split", "--request", request, "--response", response])
        #expect(text.stdout.contains(requestBody))
    }

    /// The JSON output is written a log at a time, not serialized from one tree, yet it is laid
    /// out exactly as the pretty serializer lays out its own parse: number spellings, escapes
    /// (written as the serializer writes them), empty containers and nesting included.
    @Test func jsonIsLaidOutAsThePrettySerializerDoes() throws {
        let folder = try TemporaryFolder()
        let request = try folder.write(
            "request.json", #"{"instances": [[1.50, -0, 1E400], {"s": "\u00e9\/\n", "e": [], "o": {}}, []], "p": {"q": [true, false, null]}}"#)
        let response = try folder.write("response.json", #"  {"predictions": ["x", {"y": [[]]}, 2e-5], "id": "\ud83d\ude00"}"# + "\n")
        let result = try CLI.run(["split", "--request", request, "--response", response, "--format", "json"])
        #expect(result.status == 0)
        let parsed = try result.json()
        #expect(parsed["requestLog"]?["split"]?["count"]?.int64Value == 3)
        #expect(result.stdout == String(decoding: parsed.serialized(pretty: true), as: UTF8.self) + "\n")
    }
}
