/// Which body of an inference call a finding is about.
public enum LogSide: String, Sendable, Hashable, CaseIterable {
    /// The request body.
    case request
    /// The response body.
    case response
}
