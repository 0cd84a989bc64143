import DeeployPayload
import StrictJSON
import Testing

/// Decodes `json` as `T`, encodes the result, and checks that the output decodes to the same
/// value and means the same JSON as the input (members in any order).
func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ json: String) throws -> T {
    let value = try StrictJSONDecoder().decode(type, from: Array(json.utf8))
    let encoded = try StrictJSONEncoder().encode(value)
    #expect(try StrictJSONDecoder().decode(type, from: encoded) == value)
    #expect(try JSONParser.parse(encoded) == JSONParser.parse(json), "\(String(decoding: encoded, as: UTF8.self))")
    return value
}

@Suite struct V1PredictRequestTests {
    @Test func instances() throws {
        let request = try roundTrip(V1PredictRequest.self, #"{"instances": [[6.8, 2.8], {"a": 1}]}"#)
        #expect(request.instances == [[6.8, 2.8], ["a": 1]])
        #expect(request.inputs == nil)
        #expect(request.entries.count == 2)
    }

    @Test func inputsAndSignature() throws {
        let request = try roundTrip(V1PredictRequest.self, #"{"signature_name": "serving_default", "inputs": [1, 2, 3]}"#)
        #expect(request.inputs == [1, 2, 3])
        #expect(request.signatureName == "serving_default")
        #expect(request == V1PredictRequest(inputs: [1, 2, 3], signatureName: "serving_default"))
    }

    @Test func numbersKeepTheirText() throws {
        let request = try StrictJSONDecoder().decode(V1PredictRequest.self, from: Array(#"{"instances": [1.10, 1E400]}"#.utf8))
        #expect(try StrictJSONEncoder().encode(request) == Array(#"{"instances":[1.10,1E400]}"#.utf8))
    }

    @Test func needsExactlyOneOfInstancesAndInputs() {
        let neither = #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(V1PredictRequest.self, from: Array("{}".utf8)) }
        #expect("\(String(describing: neither))".contains(#"needs an "instances" or an "inputs" array"#))
        let both = #expect(throws: DecodingError.self) {
            try StrictJSONDecoder().decode(V1PredictRequest.self, from: Array(#"{"instances": [], "inputs": []}"#.utf8))
        }
        #expect("\(String(describing: both))".contains("not both"))
    }

    @Test func encodesOnlyWhatIsSet() throws {
        #expect(try StrictJSONEncoder().encode(V1PredictRequest(instances: [1])) == Array(#"{"instances":[1]}"#.utf8))
    }
}

@Suite struct V1PredictResponseTests {
    @Test func predictions() throws {
        let response = try roundTrip(V1PredictResponse.self, #"{"predictions": [1, 1, 0]}"#)
        #expect(response.predictions == [1, 1, 0])
        #expect(response.explanations == nil)
    }

    @Test func deeployExtras() throws {
        let response = try roundTrip(
            V1PredictResponse.self,
            #"{"predictions": [0, 1], "explanations": [{"anchor": ["a"]}, {}], "featureLabels": ["age", "hours"], "requestLogId": "r-1", "predictionLogIds": ["p-1", "p-2"]}"#)
        #expect(response.featureLabels == ["age", "hours"])
        #expect(response.requestLogId == "r-1")
        #expect(response.predictionLogIds == ["p-1", "p-2"])
        #expect(response.explanations?.count == 2)
    }

    @Test func predictionsAreRequired() {
        #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(V1PredictResponse.self, from: Array(#"{"explanations": []}"#.utf8)) }
    }
}

@Suite struct V1ExplainResponseTests {
    @Test func explanations() throws {
        let response = try roundTrip(V1ExplainResponse.self, #"{"explanations": [{"anchor": []}], "predictions": [1], "requestLogId": "r"}"#)
        #expect(response.explanations == [["anchor": []]])
        #expect(response.predictions == [1])
        #expect(response.requestLogId == "r")
    }
}

@Suite struct InferenceRequestV2Tests {
    @Test func fullRequest() throws {
        let request = try roundTrip(
            InferenceRequestV2.self,
            #"{"id": "42", "parameters": {"binary_data_output": true}, "inputs": [{"name": "input-0", "shape": [2, 2], "datatype": "FP32", "parameters": {"content_type": "np"}, "data": [1, 2, 3, 4]}], "outputs": [{"name": "y", "parameters": {"binary_data": true}}]}"#)
        #expect(request.id == "42")
        #expect(request.parameters?["binary_data_output"] == true)
        #expect(request.inputs.first?.shape == [2, 2])
        #expect(request.inputs.first?.datatype == .fp32)
        #expect(request.inputs.first?.data == [1, 2, 3, 4])
        #expect(request.outputs == [InferenceRequestV2.RequestedOutput(name: "y", parameters: ["binary_data": true])])
    }

    @Test func minimalRequest() throws {
        let request = try roundTrip(InferenceRequestV2.self, #"{"inputs": [{"name": "x", "shape": [1], "datatype": "BYTES", "data": ["a"]}]}"#)
        #expect(request.id == nil)
        #expect(request.outputs == nil)
        #expect(try StrictJSONEncoder(sortedKeys: true).encode(request) == Array(#"{"inputs":[{"data":["a"],"datatype":"BYTES","name":"x","shape":[1]}]}"#.utf8))
    }

    @Test func unknownDatatypeIsRejected() {
        #expect(throws: DecodingError.self) {
            try StrictJSONDecoder().decode(InferenceRequestV2.self, from: Array(#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP8"}]}"#.utf8))
        }
    }
}

@Suite struct InferenceTensorTests {
    @Test func binaryTensorHasNoData() throws {
        let tensor = try roundTrip(InferenceTensor.self, #"{"name": "x", "shape": [3], "datatype": "INT32", "parameters": {"binary_data_size": 12}}"#)
        #expect(tensor.data == nil)
        #expect(tensor.parameters?["binary_data_size"] == 12)
    }
}

@Suite struct InferenceResponseV2Tests {
    @Test func snakeCaseKeys() throws {
        let response = try roundTrip(
            InferenceResponseV2.self,
            #"{"model_name": "iris", "model_version": "3", "id": "42", "parameters": {"a": 1}, "outputs": [{"name": "predict", "shape": [3], "datatype": "INT64", "data": [1, 1, 0]}]}"#)
        #expect(response.modelName == "iris")
        #expect(response.modelVersion == "3")
        #expect(response.outputs.first?.data == [1, 1, 0])
        let encoded = String(decoding: try StrictJSONEncoder().encode(response), as: UTF8.self)
        #expect(encoded.hasPrefix(#"{"model_name":"iris","model_version":"3","id":"42""#))
    }

    @Test func modelNameIsRequired() {
        #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(InferenceResponseV2.self, from: Array(#"{"outputs": []}"#.utf8)) }
    }
}

@Suite struct InferenceErrorV2Tests {
    @Test func error() throws {
        let error = try roundTrip(InferenceErrorV2.self, #"{"error": "model not ready"}"#)
        #expect(error.error == "model not ready")
        #expect(error.description == "model not ready")
    }
}

@Suite struct CompletionRequestTests {
    @Test func arrayPromptAndOtherMembers() throws {
        let request = try roundTrip(
            CompletionRequest.self, #"{"model": "m", "prompt": ["Say hi", "Say bye"], "max_tokens": 5, "temperature": 0.5, "n": 1, "stop": ["\n"], "top_p": 0.9}"#)
        #expect(request.prompt == .batch(["Say hi", "Say bye"]))
        #expect(request.prompt.count == 2)
        #expect(request.maxTokens == 5)
        #expect(request.temperature == 0.5)
        #expect(request.n == 1)
        #expect(request.otherMembers.keys == ["stop", "top_p"])
    }

    @Test func stringPrompt() throws {
        let request = try roundTrip(CompletionRequest.self, #"{"prompt": "Say hi"}"#)
        #expect(request.prompt == .text("Say hi"))
        #expect(request.prompt.count == 1)
        #expect(try StrictJSONEncoder().encode(request) == Array(#"{"prompt":"Say hi"}"#.utf8))
    }

    @Test func promptIsRequiredAndTyped() {
        #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(CompletionRequest.self, from: Array(#"{"model": "m"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(CompletionRequest.self, from: Array(#"{"prompt": 3}"#.utf8)) }
    }

    @Test func namedKeysInOtherMembersAreNotWrittenTwice() throws {
        let request = CompletionRequest(prompt: .text("x"), otherMembers: ["prompt": "y", "echo": true])
        #expect(try StrictJSONEncoder().encode(request) == Array(#"{"prompt":"x","echo":true}"#.utf8))
    }
}

@Suite struct CompletionResponseTests {
    @Test func choices() throws {
        let response = try roundTrip(
            CompletionResponse.self,
            #"{"id": "c1", "object": "text_completion", "created": 1700000000, "model": "m", "choices": [{"index": 0, "text": "hi", "finish_reason": "stop"}, {"index": 1, "message": {"role": "assistant", "content": "bye"}, "logprobs": {"tokens": []}}], "usage": {"total_tokens": 7}}"#)
        #expect(response.choices.count == 2)
        #expect(response.choices[0].finishReason == "stop")
        #expect(response.choices[1].message?["content"] == "bye")
        #expect(response.usage?["total_tokens"] == 7)
        #expect(response.created == 1_700_000_000)
    }

    @Test func choicesAreRequired() {
        #expect(throws: DecodingError.self) { try StrictJSONDecoder().decode(CompletionResponse.self, from: Array(#"{"id": "c1"}"#.utf8)) }
    }
}
