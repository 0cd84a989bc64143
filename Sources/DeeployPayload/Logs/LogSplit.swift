/// What one inference call gives a log store: one request log and its prediction logs.
public struct LogSplit: Sendable, Hashable {
    /// The request log, holding both original bodies.
    public var requestLog: RequestLog
    /// The prediction logs, in entry order; never empty.
    public var predictionLogs: [PredictionLog]

    /// Creates a split.
    public init(requestLog: RequestLog, predictionLogs: [PredictionLog]) {
        self.requestLog = requestLog
        self.predictionLogs = predictionLogs
    }
}
