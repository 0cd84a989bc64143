import ArgumentParser
package import DeeployPayload

/// An inference endpoint named on the command line: `predict`, `explain`, `completions`,
/// `chat/completions` or `embeddings`.
package struct EndpointArgument: ExpressibleByArgument {
    /// The endpoint named.
    package let endpoint: InferenceEndpoint

    /// The argument for `endpoint`, for an option's default value.
    package init(_ endpoint: InferenceEndpoint) {
        self.endpoint = endpoint
    }

    /// The endpoint named `argument`, or nil when no endpoint has that name.
    package init?(argument: String) {
        guard let endpoint = InferenceEndpoint(name: argument) else { return nil }
        self.endpoint = endpoint
    }

    /// The names the help lists.
    package static var allValueStrings: [String] { InferenceEndpoint.names }

    /// The default shown in the help: the endpoint's path.
    package var defaultValueDescription: String { endpoint.path }
}
