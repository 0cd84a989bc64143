import DeeployTestSupport
import Foundation

/// Small, varied inputs built in code, with a seeded generator for the random ones.
enum Fixtures {
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
        0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00,
        0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)
        + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9]
    static let gif: [UInt8] = Array("GIF89a".utf8) + [0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x3B]
    static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let jsonObject: [UInt8] = Array(#"{"instances": [[1, 2], [3, 4]], "name": "model"}"#.utf8)
    static let jsonScalar: [UInt8] = Array("42".utf8)
    static let plainText: [UInt8] = Array("Deeploy serves models behind a REST API.\nThis is plain text.\n".utf8)
    static let html: [UInt8] = Array("<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>hi</p></body></html>\n".utf8)
    static let empty: [UInt8] = []
    static let oneByte: [UInt8] = [0x41]
    static let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x03, 0x00,
                                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
    static let random: [UInt8] = {
        var generator = SplitMix64(seed: 0xDEE9_100F)
        return (0..<512).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }()

    /// Every fixture, named.
    static let all: [(name: String, bytes: [UInt8])] = [
        ("png", png), ("jpeg", jpeg), ("gif", gif), ("pdf", pdf), ("json-object", jsonObject),
        ("json-scalar", jsonScalar), ("plain-text", plainText), ("html", html), ("empty", empty),
        ("one-byte", oneByte), ("random", random), ("gzip", gzip),
    ]

    /// Writes `bytes` to a fresh file in a temporary folder and returns its path.
    static func write(_ bytes: [UInt8], named name: String) throws -> String {
        try TestFiles.write(bytes, named: name, inFolder: "magic-tests")
    }

    /// What `file --mime-type -b` says about `path`: the oracle.
    static func fileCommandMIMEType(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["file", "--mime-type", "-b", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
