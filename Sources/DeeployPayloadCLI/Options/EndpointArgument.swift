import ArgumentParser
import DeeployPayload

/// An inference endpoint named on the command line: `predict`, `explain`, `completions`,
/// `chat/completions` or `embeddings`.
struct EndpointArgument: ExpressibleByArgument {
    let endpoint: InferenceEndpoint

    init(_ endpoint: InferenceEndpoint) {
        self.endpoint = endpoint
    }

    init?(argument: String) {
        guard let endpoint = InferenceEndpoint(name: argument) else { return nil }
        self.endpoint = endpoint
    }

    static var allValueStrings: [String] { InferenceEndpoint.names }

    var defaultValueDescription: String { endpoint.path }
}
