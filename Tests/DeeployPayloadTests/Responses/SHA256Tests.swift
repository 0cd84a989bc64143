@testable import DeeployPayload
import DeeployTestSupport
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    /// The digest the package gives, and each implementation's, as hex.
    private static func digests(_ bytes: [UInt8]) -> (package: String, libcrypto: String?, portable: String) {
        (SHA256.hexDigest(bytes), SHA256.libcryptoHash(bytes).map(SHA256.hex), SHA256.hex(SHA256.portableHash(bytes)))
    }

    private static func expectDigest(_ bytes: [UInt8], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (package, libcrypto, portable) = digests(bytes)
        #expect(package == expected, "length \(bytes.count)", sourceLocation: sourceLocation)
        #expect(libcrypto == expected, "libcrypto, length \(bytes.count)", sourceLocation: sourceLocation)
        #expect(portable == expected, "portable, length \(bytes.count)", sourceLocation: sourceLocation)
    }

    @Test("FIPS 180-4's examples: one block, two blocks, a million bytes")
    func fipsExamples() {
        Self.expectDigest(Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        Self.expectDigest([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        Self.expectDigest(
            Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
        Self.expectDigest(
            Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        )
        Self.expectDigest(
            [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        )
    }

    @Test("agrees with sha256sum at every padding boundary and on random lengths")
    func agreesWithSha256sum() throws {
        var generator = SplitMix64(seed: 0x5A25_6D16)
        // Every length up to three blocks covers each way the padding can fall; the random
        // lengths cover many blocks with a partial tail.
        let lengths = Array(0...192) + (0..<24).map { _ in Int.random(in: 193...70_000, using: &generator) }
        let inputs = lengths.map { generator.bytes($0) }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, input) in inputs.enumerated() {
            let url = directory.appendingPathComponent(String(index))
            try Data(input).write(to: url)
            paths.append(url.path)
        }

        let output = try CredentialsTests.run("/usr/bin/env", ["sha256sum"] + paths)
        let expected = output.split(separator: "\n").map { String($0.prefix(64)) }
        #expect(expected.count == inputs.count)
        for (index, input) in inputs.enumerated() where index < expected.count {
            Self.expectDigest(input, expected[index])
        }
    }
}
