import StrictJSON

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

        /// Writes the prediction logs as `split --format json` shows them: a JSON array of
        /// `{"index", "requestBody", "responseBody"}` at level `indent` of a pretty document.
        func writePrettyJSON(indent: Int, to writer: inout PrettyJSONWriter) {
            writer.write("[")
            switch source {
            case .whole(let request, let response):
                writeEntry(0, indent: indent, to: &writer) { (writer: inout PrettyJSONWriter, level: Int) in
                    LazyLogSplit.writePretty(request, indent: level, to: &writer)
                } response: { writer, level in
                    LazyLogSplit.writePretty(response, indent: level, to: &writer)
                }
            case .split(let request, let response, let count):
                let requestGaps = request.prettyGaps(indent: indent + 2)
                let responseGaps = response.prettyGaps(indent: indent + 2)
                for index in 0..<count {
                    writeEntry(index, indent: indent, to: &writer) { writer, level in
                        request.writePretty(entry: index, indent: level, gaps: requestGaps, to: &writer)
                    } response: { writer, level in
                        response.writePretty(entry: index, indent: level, gaps: responseGaps, to: &writer)
                    }
                }
            }
            writer.lineBreak(level: indent)
            writer.write("]")
        }

        /// One element of the array: `{"index", "requestBody", "responseBody"}`, each body
        /// written by its closure at the level it is given.
        private func writeEntry(
            _ index: Int, indent: Int, to writer: inout PrettyJSONWriter,
            request: (inout PrettyJSONWriter, Int) -> Void, response: (inout PrettyJSONWriter, Int) -> Void
        ) {
            writer.lineBreak(level: indent + 1, comma: index > 0)
            writer.write("{")
            writer.lineBreak(level: indent + 2)
            writer.write("\"index\": ")
            writer.write(decimal: index)
            writer.lineBreak(level: indent + 2, comma: true)
            writer.write("\"requestBody\": ")
            request(&writer, indent + 2)
            writer.lineBreak(level: indent + 2, comma: true)
            writer.write("\"responseBody\": ")
            response(&writer, indent + 2)
            writer.lineBreak(level: indent + 1)
            writer.write("}")
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

    /// Writes the body of the request log's `side` as `split --format json` shows it: the JSON
    /// text in the pretty layout of `JSONSerializer(pretty: true)` at level `indent` (its
    /// later lines indented as if nested that deep), every member kept, or `null` for a body
    /// kept as a binary object. Output goes to `write` in chunks of at most `chunkSize` bytes
    /// (a buffer valid only during the call), so memory stays bounded.
    ///
    /// This does not check the JSON again: the splitter validated these bytes when it made
    /// this split, so they are written by a light tokenizer (issue 21's speed goal).
    public func writePrettyJSON(of side: NoSplitReason.Side, indent: Int, chunkSize: Int = 1 << 16, to write: (UnsafeRawBufferPointer) -> Void) {
        let payload = side == .request ? requestLog.request : requestLog.response
        PrettyJSONWriter.withWriter(chunkSize: chunkSize, to: write) { writer in
            Self.writePretty(payload.isJSON ? payload.bytes : nil, indent: indent, to: &writer)
        }
    }

    /// Writes the prediction logs as `split --format json` shows them: the JSON array
    /// `[{"index", "requestBody", "responseBody"}, ...]` in the pretty layout at level
    /// `indent`, each body as ``writePrettyJSON(of:indent:chunkSize:to:)`` writes one (`null`
    /// for a side kept as a binary object). Output goes to `write` in chunks of at most
    /// `chunkSize` bytes; no prediction log's body is spliced or held.
    ///
    /// This does not check the JSON again: the splitter validated these bytes when it made
    /// this split. Each entry's body is written from pretty text of the bytes around the split
    /// arrays, made once, and the entry's own elements.
    public func writePredictionLogsPrettyJSON(indent: Int, chunkSize: Int = 1 << 16, to write: (UnsafeRawBufferPointer) -> Void) {
        PrettyJSONWriter.withWriter(chunkSize: chunkSize, to: write) { writer in
            predictionLogs.writePrettyJSON(indent: indent, to: &writer)
        }
    }

    /// Writes `bytes`, validated by the splitter in this run, at level `indent`, or `null`.
    fileprivate static func writePretty(_ bytes: [UInt8]?, indent: Int, to writer: inout PrettyJSONWriter) {
        guard let bytes else { return writer.write("null") }
        bytes.withUnsafeBytes { document in
            var layout = PrettyJSONWriter.Layout()
            writer.reformat(validated: document, range: 0..<document.count, indent: indent, layout: &layout)
        }
    }
}
