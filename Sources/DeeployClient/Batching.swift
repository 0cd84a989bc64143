import DeeployPayload
import StrictJSON

/// Splitting a JSON body's `instances` or `inputs` into parallel requests, as Deeploy's Python
/// client's `nr_requests` does, and merging the answers back in order.
extension DeeployClient {
    /// Where a splittable array sits in a JSON body.
    enum SplitKey {
        /// The body is the array.
        case topLevel
        /// The body is an object with this array member.
        case member(String)
    }

    /// The batches of `value`, by Python's rule: `count` parts of `entries / count` entries,
    /// the remainder added to the last; never more parts than entries.
    ///
    /// - Throws: ``DeeployClientError/batchingNotApplicable(_:)`` when there is no
    ///   `instances` or `inputs` array (or top-level array) of at least two entries.
    static func split(_ value: JSONValue, into count: Int) throws(DeeployClientError) -> [JSONValue] {
        let key: SplitKey
        let entries: [JSONValue]
        switch value {
        case .array(let array):
            (key, entries) = (.topLevel, array)
        case .object(let object):
            if case .array(let array)? = object["instances"] {
                (key, entries) = (.member("instances"), array)
            } else if case .array(let array)? = object["inputs"] {
                (key, entries) = (.member("inputs"), array)
            } else {
                throw .batchingNotApplicable("the body has no \"instances\" or \"inputs\" array")
            }
        default:
            throw .batchingNotApplicable("the body is not a JSON object or array")
        }
        guard entries.count > 1 else {
            throw .batchingNotApplicable("it needs at least two entries to split, and has \(entries.count)")
        }
        let parts = min(count, entries.count)
        let size = entries.count / parts
        return (0..<parts).map { index in
            let end = index == parts - 1 ? entries.count : (index + 1) * size
            let slice = Array(entries[(index * size)..<end])
            switch key {
            case .topLevel:
                return .array(slice)
            case .member(let name):
                guard case .object(var object) = value else { return .array(slice) }
                object[name] = .array(slice)
                return .object(object)
            }
        }
    }

    /// The answers' `predictions` arrays (or top-level arrays) joined in batch order, in the
    /// first answer's object; `predictionLogIds` joined the same way when every answer has them.
    static func merge(_ parts: [InferenceResponse]) throws(DeeployClientError) -> JSONValue {
        var predictions: [JSONValue] = []
        var logIDs: [JSONValue]? = []
        var first: JSONObject?
        for (index, part) in parts.enumerated() {
            switch part.body {
            case .json(.array(let array)):
                predictions += array
                logIDs = nil
            case .json(.object(let object)):
                guard case .array(let array)? = object["predictions"] else {
                    throw .batchMergeFailed(batch: index, reason: "its JSON object has no \"predictions\" array")
                }
                predictions += array
                if case .array(let ids)? = object["predictionLogIds"] { logIDs? += ids } else { logIDs = nil }
                if first == nil { first = object }
            case .json:
                throw .batchMergeFailed(batch: index, reason: "its JSON body is neither an object nor an array")
            case .binary(let binary):
                throw .batchMergeFailed(batch: index, reason: "it is \(binary.mediaType), not JSON")
            }
        }
        guard var merged = first else { return .array(predictions) }
        merged["predictions"] = .array(predictions)
        merged["predictionLogIds"] = logIDs.map { .array($0) }
        // One request log per batch: a single id would name only the first.
        merged["requestLogId"] = nil
        return .object(merged)
    }

    /// Sends the batches of a JSON payload in parallel and merges the answers in order.
    func callInBatches(_ payload: Payload, count: Int, endpoint: InferenceEndpoint, options: InferenceOptions) async throws -> InferenceResponse {
        guard let value = payload.jsonValue else {
            throw DeeployClientError.batchingNotApplicable("only a JSON payload (.json or .encoding) can be split; this one is bytes, a file or a stream")
        }
        let batches = try Self.split(value, into: count)
        let single = InferenceOptions(skipLog: options.skipLog, explain: options.explain)
        let parts = try await withThrowingTaskGroup(of: (Int, InferenceResponse).self) { group in
            for (index, batch) in batches.enumerated() {
                group.addTask {
                    (index, try await self.single(.json(batch, declared: payload.declared), endpoint: endpoint, options: single))
                }
            }
            var results = [InferenceResponse?](repeating: nil, count: batches.count)
            // The first failure ends the group, which cancels the other batches.
            for try await (index, response) in group { results[index] = response }
            return results.compactMap { $0 }
        }
        let merged = try Self.merge(parts)
        return InferenceResponse(
            status: parts.map(\.status).max() ?? 200, headerFields: parts[0].headerFields, body: .json(merged),
            size: parts.reduce(0) { $0 + $1.size }, attempts: parts.map(\.attempts).max() ?? 1, batches: parts,
            verdict: parts[0].verdict)
    }
}
