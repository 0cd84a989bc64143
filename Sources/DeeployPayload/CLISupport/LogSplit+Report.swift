public import StrictJSON

/// Log splits as JSON objects, the form the `split` command prints.
extension LogSplit {
    /// `{"requestLog": {...}, "predictionLogs": [{"index", "requestBody", "responseBody"}, ...]}`.
    ///
    /// Bodies are JSON values, or null for a side kept as a binary object. See
    /// ``RequestLog/reportObject(options:)`` for the request log's keys.
    public func reportObject(options: JSONOptions = .init()) -> JSONValue {
        .object([
            "requestLog": requestLog.reportObject(options: options),
            "predictionLogs": .array(predictionLogs.map { $0.reportObject(options: options) }),
        ])
    }
}
