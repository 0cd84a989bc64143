import DeeployPayload
import Testing

@Suite("InferenceEndpoint")
struct InferenceEndpointTests {
    @Test func pathsAndQueries() {
        #expect(InferenceEndpoint.predict.path == "predict")
        #expect(InferenceEndpoint.explain().path == "explain")
        #expect(InferenceEndpoint.completions.path == "completions")
        #expect(InferenceEndpoint.chatCompletions.path == "chat/completions")
        #expect(InferenceEndpoint.embeddings.path == "embeddings")
        #expect(InferenceEndpoint.explain().query == nil)
        #expect(InferenceEndpoint.explain(image: true).query == "image=true")
        #expect(InferenceEndpoint.explain(image: false).query == "image=false")
        #expect(InferenceEndpoint.predict.query == nil)
        #expect(InferenceEndpoint.explain(image: true).description == "explain?image=true")
    }

    @Test func namesRoundTrip() {
        for name in InferenceEndpoint.names {
            #expect(InferenceEndpoint(name: name)?.path == name)
        }
        #expect(InferenceEndpoint(name: "explain") == .explain(image: nil))
    }

    @Test func unknownNamesAreNil() {
        for name in ["Predict", "chatCompletions", "chat", "/predict", "", "predict?x"] {
            #expect(InferenceEndpoint(name: name) == nil, "\(name)")
        }
    }
}
