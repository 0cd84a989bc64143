import DeeployPayload
import Foundation
import Hummingbird
import StrictJSON

/// `GET .../requestLogs` and `GET .../predictionLogs`: the logs as JSON lists, in the shapes
/// Deeploy's Python client validates with its `RequestLog` and `PredictionLog` models.
///
/// Query parameters, as that client sends them: `limit` (default 10, at most 10,000),
/// `offset` (pages of `limit` to skip), `start` and `end` (Unix milliseconds, inclusive, on
/// `createdAt`), `sort` (`createdAt:asc` or `createdAt:desc`, the default), and the filters
/// `statusCode` and `commit` (request logs), `id`, `requestLogId` and `endpointType`
/// (prediction logs), each `eq:VALUE`, `in:A,B` or `like:TEXT`. `includeRawBody=true` adds a
/// request log's JSON object bodies as `rawRequestBody` and `rawResponseBody`. A filter the
/// emulator does not keep data for (`status`, `customId`, `predictionClass`, `actual`,
/// `evaluation`) is a 400, rather than a list that silently ignores it.
extension EmulatorResponder {
    func logsResponse(_ kind: String, query: [String: String], workspace: String, deployment: String) async -> Response {
        do throws(QueryError) {
            let page = try Page(query)
            let body: JSONValue
            if kind == "requestLogs" {
                let filters = try Filters(query, allowed: ["statusCode", "commit"], unsupported: ["status"])
                let includeRaw = query["includeRawBody"] == "true"
                let logs = await self.logs.requestLogs(workspace: workspace, deployment: deployment).filter {
                    filters.matches(["statusCode": String($0.status), "commit": nil])
                }
                body = .array(page.select(logs, createdAt: \EmulatedRequestLog.createdAt).map { Self.wire($0, includeRaw: includeRaw) })
            } else {
                let filters = try Filters(
                    query, allowed: ["id", "requestLogId", "endpointType"],
                    unsupported: ["status", "customId", "predictionClass", "actual", "evaluation"])
                let requestLogs = await self.logs.requestLogs(workspace: workspace, deployment: deployment)
                let byID = Dictionary(requestLogs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                let logs = await self.logs.predictionLogs(workspace: workspace, deployment: deployment).filter {
                    filters.matches(["id": $0.id, "requestLogId": $0.requestLogID, "endpointType": $0.endpoint])
                }
                body = .array(page.select(logs, createdAt: \EmulatedPredictionLog.createdAt).map { Self.wire($0, requestLog: byID[$0.requestLogID]) })
            }
            return Self.response(.ok, contentType: "application/json", body: body.serialized())
        } catch {
            return Self.deeployError(.badRequest, error.message)
        }
    }

    // MARK: Wire shapes

    static func wire(_ log: EmulatedRequestLog, includeRaw: Bool) -> JSONValue {
        var members = summary(log).members
        members.append(("predictionLogs", .array(log.predictionLogIDs.enumerated().map { ["id": .string($1), "index": .number(JSONNumber($0))] })))
        if includeRaw {
            members.append(("rawRequestBody", jsonObject(log.request) ?? .null))
            members.append(("rawResponseBody", jsonObject(log.response) ?? .null))
        }
        return .object(JSONObject(members))
    }

    /// The request log's own members, without its prediction logs: also a prediction log's `requestLog`.
    static func summary(_ log: EmulatedRequestLog) -> JSONObject {
        var members: [JSONObject.Member] = [
            ("id", .string(log.id)), ("deploymentId", .string(log.deployment)), ("workspaceId", .string(log.workspace)),
            ("commit", .null), ("requestContentType", .string(log.requestContentType)),
            ("responseTimeMS", .number(JSONNumber(log.responseTimeMilliseconds))), ("statusCode", .number(JSONNumber(log.status))),
        ]
        switch log.authorization {
        case .anonymous: members += [("personalKeysId", .null), ("tokenId", .null)]
        case .personalKeys(let id): members += [("personalKeysId", .string(id)), ("tokenId", .null)]
        case .token(let id): members += [("personalKeysId", .null), ("tokenId", .string(id))]
        }
        members += [
            ("oidcSubjectId", .null), ("createdAt", .string(timestamp(log.createdAt))), ("endpointPath", .string(log.endpoint)),
            ("streaming", .bool(log.streaming)), ("splitOutcome", .string(log.splitOutcome)),
        ]
        if let object = log.request.binaryObject { members.append(("requestBinaryObject", wire(object))) }
        if let object = log.response.binaryObject { members.append(("responseBinaryObject", wire(object))) }
        return JSONObject(members)
    }

    static func wire(_ log: EmulatedPredictionLog, requestLog: EmulatedRequestLog?) -> JSONValue {
        let request = log.requestBody.flatMap { try? JSONParser.parse($0) }
        let response = log.responseBody.flatMap { try? JSONParser.parse($0) }
        var members: [JSONObject.Member] = [
            ("id", .string(log.id)),
            ("requestBody", request.flatMap { $0.objectValue != nil ? $0 : nil } ?? .null),
            ("responseBody", response.flatMap { $0.objectValue != nil ? $0 : nil } ?? .null),
            ("requestLog", requestLog.map { .object(summary($0)) } ?? ["id": .string(log.requestLogID)]),
            ("requestLogId", .string(log.requestLogID)), ("evaluation", .null), ("actual", .null),
            ("createdAt", .string(timestamp(log.createdAt))), ("tags", [:]), ("endpointType", .string(log.endpoint)),
            ("streaming", .bool(requestLog?.streaming ?? false)), ("index", .number(JSONNumber(log.index))),
        ]
        // The models type these bodies as objects; JSON of another kind still reaches a reader.
        if let request, request.objectValue == nil { members.append(("requestBodyValue", request)) }
        if let response, response.objectValue == nil { members.append(("responseBodyValue", response)) }
        if let object = requestLog?.request.binaryObject { members.append(("requestBinaryObject", wire(object))) }
        if let object = requestLog?.response.binaryObject { members.append(("responseBinaryObject", wire(object))) }
        return .object(JSONObject(members))
    }

    static func wire(_ object: EmulatedBinaryObject) -> JSONValue {
        [
            "mediaType": .string(object.mediaType.description), "size": .number(JSONNumber(object.size)),
            "sha256": .string(object.sha256), "path": .string(object.path),
        ]
    }

    static func jsonObject(_ body: EmulatedBody) -> JSONValue? {
        guard case .json(let bytes, _) = body, let value = try? JSONParser.parse(bytes), value.objectValue != nil else { return nil }
        return value
    }

    /// ISO 8601 in UTC with milliseconds, as Deeploy's API writes `createdAt`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// A query parameter the logs endpoints cannot use, with a message saying how to fix it.
struct QueryError: Error {
    var message: String
}

/// `limit`, `offset`, `start`, `end` and `sort`.
struct Page {
    var limit = 10
    var offset = 0
    var start: Int64?
    var end: Int64?
    var ascending = false

    init(_ query: [String: String]) throws(QueryError) {
        func integer(_ name: String, in range: ClosedRange<Int64>) throws(QueryError) -> Int64? {
            guard let text = query[name] else { return nil }
            guard let value = Int64(text), range.contains(value) else {
                throw QueryError(message: "\(name)=\(text) is not a whole number from \(range.lowerBound) to \(range.upperBound).")
            }
            return value
        }
        limit = try integer("limit", in: 0...10_000).map(Int.init) ?? 10
        offset = try integer("offset", in: 0...1_000_000).map(Int.init) ?? 0
        start = try integer("start", in: 0...Int64.max)
        end = try integer("end", in: 0...Int64.max)
        if let sort = query["sort"] {
            switch sort {
            case "createdAt:asc": ascending = true
            case "createdAt:desc": ascending = false
            default: throw QueryError(message: "sort=\(sort) is not supported: use createdAt:asc or createdAt:desc.")
            }
        }
    }

    /// The page of `logs` (oldest first) within the time range, in the asked order.
    func select<Log>(_ logs: [Log], createdAt: KeyPath<Log, Date>) -> [Log] {
        let inRange = logs.filter { log in
            let milliseconds = Int64((log[keyPath: createdAt].timeIntervalSince1970 * 1000).rounded(.down))
            return (start.map { milliseconds >= $0 } ?? true) && (end.map { milliseconds <= $0 } ?? true)
        }
        let ordered = ascending ? inRange : inRange.reversed()
        return Array(ordered.dropFirst(offset * limit).prefix(limit))
    }
}

/// The `eq:`, `in:` and `like:` filters of a logs query.
struct Filters {
    private var conditions: [(name: String, operator: Substring, value: Substring)] = []

    init(_ query: [String: String], allowed: [String], unsupported: [String]) throws(QueryError) {
        for name in unsupported where query[name] != nil {
            throw QueryError(message: "the emulator keeps no data to filter by \(name); leave it out.")
        }
        for name in allowed {
            guard let text = query[name] else { continue }
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, ["eq", "in", "like"].contains(parts[0]) else {
                throw QueryError(message: "\(name)=\(text) must be eq:VALUE, in:A,B or like:TEXT.")
            }
            conditions.append((name, parts[0], parts[1]))
        }
    }

    /// Whether a log with these field values passes every filter; a nil field matches none.
    func matches(_ fields: [String: String?]) -> Bool {
        conditions.allSatisfy { condition in
            guard let field = fields[condition.name] ?? nil else { return false }
            switch condition.operator {
            case "eq": return field == condition.value
            case "in": return condition.value.split(separator: ",").contains { $0 == field }
            default: return field.contains(condition.value)
            }
        }
    }
}
