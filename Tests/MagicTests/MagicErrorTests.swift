import DeeployTestSupport
import Foundation
import Magic
import Testing

/// Sets the calling thread's filesystem uid (Linux); returns the previous one.
@_silgen_name("setfsuid") private func setfsuid(_ uid: UInt32) -> Int32

@Suite struct MagicErrorTests {
    @Test func missingFileIsCannotOpenWithENOENT() throws {
        var cookie = try MagicCookie()
        #expect(throws: MagicError.cannotOpen(path: "/no/such/file", errno: ENOENT)) {
            try cookie.sniff(path: "/no/such/file")
        }
        let message = MagicError.cannotOpen(path: "/no/such/file", errno: ENOENT).description
        #expect(message.contains("No such file or directory"))
        #expect(message.contains("/no/such/file"))
    }

    /// A NUL would end the C path early, so `x.png\0.txt` would name `x.png`.
    @Test func aPathWithANulByteIsRefused() throws {
        var cookie = try MagicCookie()
        let path = try Fixtures.write(Fixtures.png, named: "nul.png")
        #expect(throws: MagicError.cannotOpen(path: path + "\0.txt", errno: EINVAL)) { try cookie.sniff(path: path + "\0.txt") }
        #expect(MagicError.cannotOpen(path: path + "\0.txt", errno: EINVAL).description.contains("cannot contain a NUL byte"))
        #expect(try cookie.sniff(path: path).mimeType == "image/png")
    }

    @Test func directoryIsATypedError() throws {
        var cookie = try MagicCookie()
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: MagicError.isDirectory(path: folder)) { try cookie.sniff(path: folder) }
        #expect(MagicError.isDirectory(path: folder).description.contains("is a directory"))
        let descriptor = open(folder, O_RDONLY)
        defer { close(descriptor) }
        #expect(throws: MagicError.isDirectory(path: "file descriptor \(descriptor)")) {
            try cookie.sniff(fileDescriptor: descriptor)
        }
    }

    @Test func unreadableFileIsCannotOpen() throws {
        var cookie = try MagicCookie()
        let path = try Fixtures.write(Fixtures.png, named: "unreadable.png")
        chmod(path, 0)
        // root reads any mode, so drop this thread's filesystem uid (and with it
        // CAP_DAC_OVERRIDE) for the duration of the call.
        let previous = geteuid() == 0 ? setfsuid(65534) : -1
        defer { if previous >= 0 { _ = setfsuid(UInt32(previous)) } }
        #expect(throws: MagicError.cannotOpen(path: path, errno: EACCES)) { try cookie.sniff(path: path) }
        #expect(MagicError.cannotOpen(path: path, errno: EACCES).description.contains("Permission denied"))
    }

    @Test func closedDescriptorIsCannotOpenWithEBADF() throws {
        var cookie = try MagicCookie()
        #expect(throws: MagicError.cannotOpen(path: "file descriptor 9999", errno: EBADF)) {
            try cookie.sniff(fileDescriptor: 9999)
        }
    }

    @Test func missingDatabaseIsDatabaseUnavailable() throws {
        #expect {
            _ = try MagicCookie(database: .path("/no/such/magic.mgc"))
        } throws: { error in
            guard case MagicError.databaseUnavailable(let path, _, _) = error else { return false }
            return path == "/no/such/magic.mgc"
                && error.localizedDescription.isEmpty == false
                && "\(error)".contains("could not load the magic database at '/no/such/magic.mgc'")
        }
    }

    @Test func corruptDatabaseFileIsDatabaseUnavailable() throws {
        let path = try Fixtures.write(Array("this is not a magic database".utf8), named: "corrupt.mgc")
        #expect {
            _ = try MagicCookie(database: .path(path))
        } throws: { error in
            guard case MagicError.databaseUnavailable(let failed, let message, _) = error else { return false }
            return failed == path && !message.isEmpty
        }
    }

    @Test func corruptDatabaseBufferIsDatabaseUnavailable() throws {
        #expect {
            _ = try MagicCookie(database: .buffers([Fixtures.random]))
        } throws: { error in
            guard case MagicError.databaseUnavailable(nil, _, _) = error else { return false }
            return "\(error)".contains("in-memory magic database")
        }
    }

    @Test func databaseLoadsFromInMemoryBuffers() throws {
        let compiled = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.compiledDatabasePath())))
        var cookie = try MagicCookie(database: .buffers([compiled]))
        // The cookie keeps working after the caller's array is gone: the binding pinned a copy.
        #expect(try cookie.mimeType(of: Fixtures.png) == "image/png")
        #expect(try cookie.mimeType(of: Fixtures.pdf) == "application/pdf")
    }

    @Test func databaseLoadsFromAnExplicitPath() throws {
        var cookie = try MagicCookie(database: .path(Self.compiledDatabasePath()))
        #expect(try cookie.mimeType(of: Fixtures.gif) == "image/gif")
    }

    @Test func negativeParameterIsRejected() throws {
        var cookie = try MagicCookie()
        #expect(throws: MagicError.self) { try cookie.setValue(-1, for: .bytesMax) }
        do {
            try cookie.setValue(-1, for: .bytesMax)
        } catch {
            #expect(error.description.contains("MAGIC_PARAM_BYTES_MAX"))
            #expect(error.description.contains("cannot be negative"))
        }
        #expect(throws: MagicError.self) { _ = try MagicCookie(parameters: [.regexMax: -5]) }
    }

    @Test func garbageInputNeverCrashes() throws {
        var cookie = try MagicCookie(flags: .continue)
        var generator = SplitMix64(seed: 42)
        for length in [0, 1, 2, 3, 7, 64, 511, 4096, 70_000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let report = try cookie.sniff(bytes, detail: .description)
            #expect(!report.mimeType.isEmpty)
        }
    }

    static func compiledDatabasePath() -> String {
        for candidate in ["/usr/lib/file/magic.mgc", "/usr/share/misc/magic.mgc", "/usr/share/file/magic.mgc"]
        where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return "/usr/share/misc/magic.mgc"
    }
}
