#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DeeployPayload

/// File names that are not valid UTF-8, which a Swift `String` cannot hold.
///
/// Such a path travels through the CLI in a display form, its valid UTF-8 kept and each byte
/// that is not valid UTF-8 written `\xNN`, with its exact bytes alongside, which go to `open()`
/// and `stat()`. Text output shows the display form; JSON output has it as `path` and the exact
/// bytes, base64, as `pathBytes`.
enum RawPath {
    /// The command-line arguments after the program name; an argument that is not valid
    /// UTF-8 is in its display form.
    static var arguments: [String] { commandLine.map(\.display) }

    /// The bytes of a command-line argument given in its display form, or nil when the
    /// argument was valid UTF-8 (its bytes are then its UTF-8).
    static func argumentBytes(_ display: String) -> [UInt8]? {
        commandLine.first { $0.bytes != nil && $0.display == display }?.bytes
    }

    /// The bytes to open for `path`, as given on the command line.
    static func bytes(_ path: String) -> [UInt8] {
        argumentBytes(path) ?? Array(path.utf8)
    }

    /// argv after the program name: each argument's display form, and its bytes when they
    /// are not valid UTF-8.
    private static let commandLine: [(display: String, bytes: [UInt8]?)] = {
        (1..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return ("", nil) }
            let bytes = Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
            if let text = String(validating: bytes, as: UTF8.self) { return (text, nil) }
            return (display(bytes), bytes)
        }
    }()

    /// The display form of `bytes`: UTF-8 where valid, `\xNN` for every other byte.
    static func display(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            if length > 0, index + length <= bytes.count,
                let scalar = String(validating: bytes[index..<index + length], as: UTF8.self)
            {
                text += scalar
                index += length
            } else {
                let hex = String(lead, radix: 16, uppercase: true)
                text += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                index += 1
            }
        }
        return text
    }

    /// Opens `bytes` read-only with the sniffer's flags (`O_NONBLOCK`: a named pipe must not
    /// wait for a writer); -1 with `errno` set on failure.
    static func openForSniffing(_ bytes: [UInt8]) -> Int32 {
        withCString(bytes) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
    }

    /// Calls `body` with `bytes` as a NUL-terminated C string.
    static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}

extension RawPath {
    /// `bytes` in base64 (RFC 4648, with padding), for JSON's `pathBytes`.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            let b0 = UInt32(bytes[index])
            let b1 = count > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = count > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(count > 1 ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            out.append(count > 2 ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SniffError {
    /// The error with `path` as the file's name (for a descriptor the CLI opened itself).
    func naming(_ path: String) -> SniffError {
        switch self {
        case .cannotOpen(_, let code): .cannotOpen(path: path, errno: code)
        case .readFailed(_, let code): .readFailed(path: path, errno: code)
        case .isDirectory: .isDirectory(path: path)
        case .notRegularFile: .notRegularFile(path: path)
        case .unknownSize: .unknownSize(path: path)
        default: self
        }
    }
}
