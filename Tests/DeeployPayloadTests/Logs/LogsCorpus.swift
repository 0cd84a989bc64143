import Foundation
import StrictJSON

/// The package's `Corpus/`, read for the pair and tensor cases of the manifest.
enum LogsCorpus {
    /// The package root, found from this file's path (Tests/DeeployPayloadTests/Logs/...).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent("Corpus").appendingPathComponent(relativePath)))
    }

    /// The manifest, or `null` when it cannot be read (the corpus tests then fail on counts).
    static let manifest: JSONValue = (try? JSONParser.parse(try bytes("manifest.json"))) ?? .null

    struct Pair: Sendable, CustomStringConvertible {
        var id: String
        var endpoint: String
        var request: String
        var requestType: String
        var response: String
        var responseType: String
        var status: Int
        var predictionLogs: Int
        var split: Bool
        var description: String { id }
    }

    struct Tensor: Sendable, CustomStringConvertible {
        var id: String
        var path: String
        var headerLength: Int
        var valid: Bool
        var tensorCount: Int?
        var description: String { id }
    }

    static let pairs: [Pair] = (manifest["pairs"]?.arrayValue ?? []).compactMap { entry in
        guard let id = entry["id"]?.stringValue, let endpoint = entry["endpoint"]?.stringValue,
            let request = entry["request"]?.stringValue, let requestType = entry["requestType"]?.stringValue,
            let response = entry["response"]?.stringValue, let responseType = entry["responseType"]?.stringValue,
            let status = entry["status"]?.int64Value, let logs = entry["predictionLogs"]?.int64Value,
            let split = entry["split"]?.boolValue
        else { return nil }
        return Pair(
            id: id, endpoint: endpoint, request: request, requestType: requestType, response: response,
            responseType: responseType, status: Int(status), predictionLogs: Int(logs), split: split)
    }

    static let tensors: [Tensor] = (manifest["tensors"]?.arrayValue ?? []).compactMap { entry in
        guard let id = entry["id"]?.stringValue, let path = entry["path"]?.stringValue,
            let headerLength = entry["headerLength"]?.int64Value, let valid = entry["valid"]?.boolValue
        else { return nil }
        return Tensor(
            id: id, path: path, headerLength: Int(headerLength), valid: valid, tensorCount: entry["tensorCount"]?.int64Value.map { Int($0) })
    }
}
