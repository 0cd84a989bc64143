public import StrictJSON

/// Request logs as JSON objects, the form the `split` command prints.
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
