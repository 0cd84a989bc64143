@testable import DeeployPayload
import Foundation
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    private static func hex(_ text: String) -> String { SHA256Hex.digest(Array(text.utf8)) }

    @Test("FIPS 180-4's examples: one block, two blocks, a million bytes")
    func fipsExamples() {
        #expect(Self.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(SHA256Hex.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
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
            #expect(SHA256Hex.digest(input) == expected[index], "length \(input.count)")
        }
    }
}
