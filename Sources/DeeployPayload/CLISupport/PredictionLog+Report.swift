public import StrictJSON

/// Prediction logs as JSON objects, the form the `split` command prints.
extension PredictionLog {
    /// `{"index", "requestBody", "responseBody"}`, bodies as JSON values or null.
    public func reportObject(options: JSONOptions = .init()) -> JSONValue {
        .object([
            "index": .number(JSONNumber(index)),
            "requestBody": ((try? requestJSON(options: options)) ?? nil) ?? .null,
            "responseBody": ((try? responseJSON(options: options)) ?? nil) ?? .null,
        ])
    }
}
