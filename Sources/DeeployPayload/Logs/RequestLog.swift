/// The one log every inference call gives: the original request and response, losslessly,
/// with the status, the endpoint and whether (and why not) the call was split.
public struct RequestLog: Sendable, Hashable {
    /// The response status.
    public var status: Int
    /// The endpoint called.
    public var endpoint: InferenceEndpoint
    /// The request body: JSON bytes, or a binary object.
    public var request: LoggedPayload
    /// The response body: JSON bytes, or a binary object.
    public var response: LoggedPayload
    /// Whether the call was split into several prediction logs, and if not, why not.
    public var outcome: SplitOutcome

    /// Creates a request log.
    public init(status: Int, endpoint: InferenceEndpoint, request: LoggedPayload, response: LoggedPayload, outcome: SplitOutcome) {
        self.status = status
        self.endpoint = endpoint
        self.request = request
        self.response = response
        self.outcome = outcome
    }

    /// How the call was split, when it was.
    public var splitPlan: SplitPlan? {
        if case .split(let plan) = outcome { plan } else { nil }
    }

    /// Why the call was not split, when it was not.
    public var noSplitReason: NoSplitReason? {
        if case .notSplit(let reason) = outcome { reason } else { nil }
    }
}
