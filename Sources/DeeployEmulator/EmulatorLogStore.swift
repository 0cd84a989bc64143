public import DeeployPayload
public import Foundation

/// The emulator's logs: every inference call it answered, as Deeploy keeps them, one request
/// log and its prediction logs, made by the package's `LogSplitter`.
///
/// JSON bodies are kept byte for byte; any other body (an image, a PDF, a binary response) is
/// stored as a binary object: a file named by its SHA-256 under ``directory``, written once
/// (identical bodies share a file). A call whose payload the gate refused, or a call with
/// `skipLog=true`, leaves no log. Logs live in memory for the emulator's lifetime.
public actor EmulatorLogStore {
    /// The directory binary objects are stored in.
    public nonisolated let directory: String
    private var requestLogs: [EmulatedRequestLog] = []
    private var predictionLogs: [EmulatedPredictionLog] = []

    /// A store writing binary objects under `directory`, created when missing.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
    }

    /// Every request log, oldest first; of one deployment when `workspace` and `deployment` are given.
    public func requestLogs(workspace: String? = nil, deployment: String? = nil) -> [EmulatedRequestLog] {
        requestLogs.filter { (workspace == nil || $0.workspace == workspace) && (deployment == nil || $0.deployment == deployment) }
    }

    /// Every prediction log, oldest first (a call's in entry order); of one deployment when
    /// `workspace` and `deployment` are given.
    public func predictionLogs(workspace: String? = nil, deployment: String? = nil) -> [EmulatedPredictionLog] {
        predictionLogs.filter { (workspace == nil || $0.workspace == workspace) && (deployment == nil || $0.deployment == deployment) }
    }

    /// Records one call, and returns its request log.
    func record(_ call: LoggedCall) throws -> EmulatedRequestLog {
        let split = call.split
        let id = UUID().uuidString.lowercased()
        let predictionIDs = split.predictionLogs.map { _ in UUID().uuidString.lowercased() }
        let requestLog = EmulatedRequestLog(
            id: id, workspace: call.workspace, deployment: call.deployment, createdAt: call.createdAt,
            status: split.requestLog.status, endpoint: split.requestLog.endpoint.path,
            requestContentType: call.requestContentType, responseTimeMilliseconds: call.responseTimeMilliseconds,
            authorization: call.authorization,
            request: try call.streamedRequest ?? store(split.requestLog.request), response: try store(split.requestLog.response),
            splitOutcome: split.requestLog.outcome.code, predictionLogIDs: predictionIDs, streaming: call.streaming)
        requestLogs.append(requestLog)
        for (log, predictionID) in zip(split.predictionLogs, predictionIDs) {
            predictionLogs.append(EmulatedPredictionLog(
                id: predictionID, requestLogID: id, workspace: call.workspace, deployment: call.deployment,
                createdAt: call.createdAt, index: log.index, endpoint: requestLog.endpoint,
                requestBody: log.requestBody, responseBody: log.responseBody))
        }
        return requestLog
    }

    /// The stored form of a body: JSON as is, anything else written to a file named by its digest.
    private func store(_ payload: LoggedPayload) throws -> EmulatedBody {
        switch payload {
        case .json(let bytes, let mediaType):
            return .json(bytes: bytes, mediaType: mediaType)
        case .binary(let object):
            let path = directory + "/" + object.sha256
            if !FileManager.default.fileExists(atPath: path) {
                try Data(object.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            return .binary(EmulatedBinaryObject(mediaType: object.mediaType, size: object.size, sha256: object.sha256, path: path))
        }
    }
}

/// What the responder hands the store for one call.
struct LoggedCall: Sendable {
    var workspace: String
    var deployment: String
    var createdAt: Date
    var requestContentType: String
    var responseTimeMilliseconds: Int
    var authorization: EmulatedRequestLog.Caller
    var split: LogSplit
    /// The request body when it was streamed to disk rather than held: the split was made with
    /// no bytes (a non-JSON request's split does not depend on them), so its object is this.
    var streamedRequest: EmulatedBody?
    /// Whether the answer was streamed as server-sent events (`stream=true`); the logged
    /// response is then the whole answer the events were cut from.
    var streaming = false
}

/// One logged inference call: Deeploy's request log.
public struct EmulatedRequestLog: Sendable, Hashable, Identifiable {
    /// Who made the call, by an id derived from the credential (never the credential itself).
    public enum Caller: Sendable, Hashable {
        /// No Authorization (an open deployment).
        case anonymous
        /// A personal key pair; Deeploy's `personalKeysId`.
        case personalKeys(id: String)
        /// A deployment token; Deeploy's `tokenId`.
        case token(id: String)
    }

    /// A UUID, lowercase.
    public var id: String
    /// The workspace called.
    public var workspace: String
    /// The deployment called.
    public var deployment: String
    /// When the call arrived.
    public var createdAt: Date
    /// The status answered.
    public var status: Int
    /// The endpoint path after the deployment: `predict`, `chat/completions`, ….
    public var endpoint: String
    /// The request's Content-Type as judged (`application/json` when it had none).
    public var requestContentType: String
    /// How long the call took, from its first byte to its answer, in milliseconds.
    public var responseTimeMilliseconds: Int
    /// Who made the call.
    public var authorization: Caller
    /// The request body.
    public var request: EmulatedBody
    /// The response body.
    public var response: EmulatedBody
    /// The splitter's outcome code: `split`, or why not (`NoSplitReason/code`).
    public var splitOutcome: String
    /// The ids of this call's prediction logs, in entry order.
    public var predictionLogIDs: [String]
    /// Whether the answer was streamed as server-sent events (a completion with
    /// `stream=true`); ``response`` is then the whole answer the events were cut from.
    public var streaming: Bool
}

/// One prediction of a logged call: Deeploy's prediction log.
public struct EmulatedPredictionLog: Sendable, Hashable, Identifiable {
    /// A UUID, lowercase.
    public var id: String
    /// The id of the call's request log.
    public var requestLogID: String
    /// The workspace called.
    public var workspace: String
    /// The deployment called.
    public var deployment: String
    /// When the call arrived.
    public var createdAt: Date
    /// The entry's position in its call, from 0.
    public var index: Int
    /// The endpoint path after the deployment.
    public var endpoint: String
    /// The entry's request body, exact JSON bytes; nil when the request is not JSON.
    public var requestBody: [UInt8]?
    /// The entry's response body, exact JSON bytes; nil when the response is not JSON.
    public var responseBody: [UInt8]?
}

/// A logged body: JSON bytes, or a binary object stored on disk.
public enum EmulatedBody: Sendable, Hashable {
    /// A JSON body, byte for byte.
    case json(bytes: [UInt8], mediaType: MediaType)
    /// A non-JSON body, stored as a file.
    case binary(EmulatedBinaryObject)

    /// The binary object, for ``binary(_:)``.
    public var binaryObject: EmulatedBinaryObject? {
        if case .binary(let object) = self { object } else { nil }
    }

    /// The media type the body was logged under.
    public var mediaType: MediaType {
        switch self {
        case .json(_, let mediaType): mediaType
        case .binary(let object): object.mediaType
        }
    }
}

/// A non-JSON body stored on disk, named by its digest.
public struct EmulatedBinaryObject: Sendable, Hashable {
    /// The body's media type.
    public var mediaType: MediaType
    /// Its size in bytes.
    public var size: Int
    /// Its SHA-256, 64 lowercase hex digits; also the file's name.
    public var sha256: String
    /// The file holding the bytes.
    public var path: String
}
