import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `deeploy-payload` with a pseudo-terminal as standard output or standard input, for
/// what only happens on a terminal (colour, hints).
enum TerminalRun {
    /// What a run printed: `terminal` is what reached the pseudo-terminal, `stdout` and
    /// `stderr` what went to files.
    struct Result {
        let status: Int32
        let terminal: String
        let stdout: String
        let stderr: String
    }

    /// Where the pseudo-terminal is connected.
    enum Side {
        /// Standard output is the terminal; standard input is /dev/null.
        case output
        /// Standard input is the terminal, which is sent `typed` and then end-of-file (^D).
        case input(typed: String)
        /// Standard error is the terminal; once it shows `interruptAfter`, the process is sent
        /// SIGINT, as Ctrl-C sends it. Standard input is /dev/null.
        case error(interruptAfter: String)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ arguments: [String], side: Side, environment: [String: String]) throws -> Result {
        guard let executable = CLI.executable else { throw Failure(description: "deeploy-payload was not built next to the tests") }
        // posix_openpt and friends are hidden by Glibc's module map: the Linux ioctls (asm-generic
        // values, as on x86-64 and arm64) unlock the terminal and give its number.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: CInt = 0
        var number: CUnsignedInt = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0, ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw Failure(description: "no pseudo-terminal: errno \(errno)")
        }
        defer { close(master) }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw Failure(description: "cannot open the pseudo-terminal: errno \(errno)") }
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.path)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DEEPLOY_") && $0.key != "NO_COLOR" }
        variables.merge(environment) { $1 }
        process.environment = variables
        process.standardError = stderr
        switch side {
        case .output:
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = terminal
        case .input:
            process.standardInput = terminal
            process.standardOutput = stdout
        case .error:
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = stdout
            process.standardError = terminal
        }
        try process.run()
        if case .input(let typed) = side {
            // Canonical mode: a line, then ^D at the start of a line, which reads as end-of-file.
            var bytes = Array(typed.utf8) + [0x04]
            _ = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress, $0.count) }
        }
        // Drain the terminal while the child runs, so that a full buffer cannot stall it.
        var received: [UInt8] = []
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 4096)
        func drain() {
            while true {
                let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                received += buffer[..<count]
            }
        }
        var interrupted = false
        while process.isRunning {
            drain()
            if case .error(let marker) = side, !interrupted, String(decoding: received, as: UTF8.self).contains(marker) {
                // Let the line be drawn whole before the signal comes.
                usleep(50_000)
                drain()
                process.interrupt()
                interrupted = true
            }
            usleep(2_000)
        }
        drain()
        try stdout.close()
        try stderr.close()
        return Result(
            // As a shell reports it: 128 + the signal for a process that a signal ended.
            status: process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus,
            terminal: String(decoding: received, as: UTF8.self),
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8)
        )
    }
}
