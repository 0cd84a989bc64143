import DeeployTestSupport
import Foundation
import StrictJSON

/// `Corpus/manifest.json`: the expected outcome of every corpus case.
struct CorpusManifest: Decodable {
    struct Check: Decodable {
        var declared: String?
        var accepted: Bool
        var reasons: [String]
        var warnings: [String]
        var effective: String?
    }

    struct File: Decodable {
        var id: String
        var path: String
        var category: String
        var sniffed: String
        var libmagic: String
        var polyglot: Bool
        var checks: [Check]
        var strictChecks: [Check]?
    }

    struct ContentType: Decodable {
        var input: String
        var normalized: String?
    }

    struct Authorization: Decodable {
        var input: String
        var expect: String
        var messageContains: String?
        var accessKey: String?
    }

    struct Tensor: Decodable, Sendable, CustomStringConvertible {
        var id: String
        var path: String
        var headerLength: Int
        var valid: Bool
        var tensorCount: Int?
        var description: String { id }
    }

    struct Pair: Decodable, Sendable, CustomStringConvertible {
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

    var files: [File]
    var contentTypes: [ContentType]
    var authorizations: [Authorization]
    var tensors: [Tensor]
    var pairs: [Pair]

    /// The `Corpus/` folder of this package.
    static let folder: URL = TestFiles.packageRoot.appendingPathComponent("Corpus")

    /// The manifest, read once through the package's own JSON decoder.
    static let shared: CorpusManifest = {
        do {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("manifest.json")))
            return try StrictJSONDecoder().decode(CorpusManifest.self, from: bytes)
        } catch {
            preconditionFailure("Corpus/manifest.json must decode: \(error)")
        }
    }()

    /// The absolute path of a manifest-relative path.
    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

    /// The bytes of a manifest-relative path.
    static func bytes(_ relative: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(relative)))
    }
}
