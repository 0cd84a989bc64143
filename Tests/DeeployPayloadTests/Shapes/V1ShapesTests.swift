import DeeployPayload
import StrictJSON
import Testing

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
