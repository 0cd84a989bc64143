import DeeployPayload
import DeeployTestSupport
import Foundation

/// The corpus as the mutation fuzzer's starting points.
enum FuzzSeeds {
    /// Every file under `Corpus/cases/`, in path order.
    static let files: [[UInt8]] = {
        let root = CorpusManifest.folder.appendingPathComponent("cases")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            preconditionFailure("Corpus/cases must be readable")
        }
        var paths: [URL] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            paths.append(url)
        }
        precondition(paths.count >= 200, "Corpus/cases holds only \(paths.count) files")
        return paths.sorted { $0.path < $1.path }.compactMap { try? [UInt8](Data(contentsOf: $0)) }
    }()

    /// A valid binary tensor body, split at its header length.
    struct Tensor {
        var header: [UInt8]
        var data: [UInt8]
    }

    /// The manifest's valid binary tensor bodies.
    static let tensors: [Tensor] = CorpusManifest.shared.tensors.filter(\.valid).compactMap { tensor in
        guard let body = try? CorpusManifest.bytes(tensor.path), tensor.headerLength <= body.count else { return nil }
        return Tensor(header: Array(body[..<tensor.headerLength]), data: Array(body[tensor.headerLength...]))
    }

    /// A request/response pair for log splitting.
    struct Pair {
        var request: [UInt8]
        var response: [UInt8]
        var requestType: MediaType?
        var responseType: MediaType?
        var status: Int
        var endpoint: InferenceEndpoint
    }

    /// The manifest's request/response pairs.
    static let pairs: [Pair] = CorpusManifest.shared.pairs.compactMap { pair in
        guard let request = try? CorpusManifest.bytes(pair.request), let response = try? CorpusManifest.bytes(pair.response),
            let endpoint = InferenceEndpoint(name: pair.endpoint)
        else { return nil }
        return Pair(
            request: request, response: response, requestType: MediaType(pair.requestType),
            responseType: MediaType(pair.responseType), status: pair.status, endpoint: endpoint)
    }

    /// The manifest's Content-Type values.
    static let contentTypes: [String] = CorpusManifest.shared.contentTypes.map(\.input)

    /// The manifest's Authorization values.
    static let authorizations: [String] = CorpusManifest.shared.authorizations.map(\.input)

    /// Pieces of header values rich in what header parsers treat specially.
    static let headerPieces = [
        "text", "image", "application", "json", "plain", "svg+xml", "octet-stream", "*", "/", "/", ";", ";", "=", "=",
        "\"", "\"", "\\", " ", "\t", "\r\n", "\n", "\u{0C}", "\u{0}", "charset", "CharSet", "utf-8", "UTF-8", "a", "B",
        "(", ")", ",", "'", "{", "é", "\u{FF}", "\u{100}", "😀", "q=0.5", "x=\"y z\"", "Basic", "Bearer", "bearer ",
        "YWs6c2s=", "=", "==", "+", "~", "-._~+/", ":", "\u{7F}", "\u{85}", "\u{2028}",
    ]

    /// A header-like string of up to 12 pieces.
    static func headerString(rng: inout SplitMix64) -> String {
        (0..<rng.below(13)).map { _ in rng.pick(headerPieces) }.joined()
    }
}

/// The input of one fuzzing iteration: a mutated corpus file, and the generator that made it,
/// for the entry point's further choices. The same iteration gives the same input to every
/// entry point.
enum FuzzInputs {
    static func make(_ iteration: Int, seed: UInt64) -> (bytes: [UInt8], rng: SplitMix64) {
        var mixer = SplitMix64(seed: seed &+ UInt64(iteration) &* 0xD1B5_4A32_D192_ED03)
        var rng = SplitMix64(seed: mixer.next())
        let base = rng.pick(FuzzSeeds.files)
        let other = rng.pick(FuzzSeeds.files)
        return (Mutator.mutate(base, other: other, rng: &rng), rng)
    }

    /// `bytes` mutated with `rng`, with a corpus file for splices.
    static func mutate(_ bytes: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        let other = rng.pick(FuzzSeeds.files)
        return Mutator.mutate(bytes, other: other, rng: &rng)
    }
}
