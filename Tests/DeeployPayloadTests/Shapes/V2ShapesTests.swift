import DeeployPayload
import StrictJSON
import Testing

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
        #expect(request.outputs == [RequestedOutput(name: "y", parameters: ["binary_data": true])])
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
