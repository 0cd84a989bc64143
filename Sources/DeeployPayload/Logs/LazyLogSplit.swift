/// One inference call's logs, with each prediction log made when it is read: what
/// ``LogSplitter/splitLazily(request:response:status:endpoint:)`` gives.
///
/// A ``LogSplit`` holds every prediction log's bodies at once, about as many bytes again as the
/// call. This holds the original bodies and the byte ranges of the split arrays' entries;
/// reading ``predictionLogs`` at an index splices that entry's bodies, so writing the logs out
/// one by one never holds more than one of them.
public struct LazyLogSplit: Sendable {
    /// The request log, holding both original bodies.
    public let requestLog: RequestLog
    /// The prediction logs, in entry order; never empty.
    public let predictionLogs: PredictionLogs

    /// The prediction logs of a call, each made when it is read.
    ///
    /// Reading the same index twice splices its bodies twice; the results are equal.
    public struct PredictionLogs: RandomAccessCollection, Sendable {
        private enum Source: Sendable {
            /// One prediction log with the whole bodies (a call that was not split).
            case whole(request: [UInt8]?, response: [UInt8]?)
            /// One prediction log per entry, spliced from the bodies.
            case split(request: LogSplitter.Splicer, response: LogSplitter.Splicer, count: Int)
        }

        private let source: Source

        init(whole request: [UInt8]?, _ response: [UInt8]?) {
            source = .whole(request: request, response: response)
        }

        init(_ request: LogSplitter.Splicer, _ response: LogSplitter.Splicer, count: Int) {
            source = .split(request: request, response: response, count: count)
        }

        /// The index of the first prediction log: 0.
        public var startIndex: Int { 0 }

        /// One past the last prediction log's index: the number of prediction logs.
        public var endIndex: Int {
            switch source {
            case .whole: 1
            case .split(_, _, let count): count
            }
        }

        /// The prediction log of entry `position`, its bodies spliced now.
        public subscript(position: Int) -> PredictionLog {
            precondition(indices.contains(position), "prediction log \(position) is out of range 0..<\(endIndex)")
            switch source {
            case .whole(let request, let response):
                return PredictionLog(index: 0, requestBody: request, responseBody: response)
            case .split(let request, let response, _):
                return PredictionLog(index: position, requestBody: request.body(for: position), responseBody: response.body(for: position))
            }
        }
    }
}
