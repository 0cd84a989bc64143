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

extension RequestLog {
    /// `{"endpoint", "status", "request", "response", "outcome", "split", "noSplitReason"}`:
    /// each side as ``LoggedPayload/reportObject(options:)``, `outcome` the stable code
    /// (`split` or a ``NoSplitReason/code``), `split` the plan
    /// (`{"requestKey", "responseKeys", "count"}`) or null, and `noSplitReason` a sentence or null.
    public func reportObject(options: JSONOptions = .init()) -> JSONValue {
        .object([
            "endpoint": .string(endpoint.description),
            "status": .number(JSONNumber(status)),
            "request": request.reportObject(options: options),
            "response": response.reportObject(options: options),
            "outcome": .string(outcome.code),
            "split": splitPlan.map { plan in
                .object([
                    "requestKey": .string(plan.requestKey),
                    "responseKeys": .array(plan.responseKeys.map(JSONValue.string)),
                    "count": .number(JSONNumber(plan.count)),
                ])
            } ?? .null,
            "noSplitReason": noSplitReason.map { .string($0.description) } ?? .null,
        ])
    }
}

extension LoggedPayload {
    /// `{"contentType", "size", "stored", "sha256", "body"}`: `stored` is `json` or `binary`;
    /// `sha256` is the digest of a binary object (null for JSON); `body` is the JSON value
    /// (null for a binary object).
    public func reportObject(options: JSONOptions = .init()) -> JSONValue {
        .object([
            "contentType": .string(mediaType.description),
            "size": .number(JSONNumber(bytes.count)),
            "stored": .string(isJSON ? "json" : "binary"),
            "sha256": binaryObject.map { .string($0.sha256) } ?? .null,
            "body": ((try? json(options: options)) ?? nil) ?? .null,
        ])
    }
}

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
