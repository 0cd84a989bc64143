import DeeployPayload
import StrictJSON
import Testing

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
