import DeeployTestSupport
import Foundation
import StrictJSON
import Testing

/// Runs the built `deeploy-payload` executable as a user would.
enum CLI {
    /// What a run printed and how it ended.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// Standard output parsed as one JSON value.
        func json() throws -> JSONValue {
            try JSONParser.parse(stdout)
        }

        /// Standard output parsed as one JSON value per line.
        func jsonLines() throws -> [JSONValue] {
            try stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        }
    }

    /// How standard input is connected.
    enum Input {
        /// `/dev/null`.
        case none
        /// A pipe fed with these bytes.
        case pipe([UInt8])
        /// A regular file holding these bytes (as with `< file`).
        case file([UInt8])
        /// The file or device at this path, such as `/dev/zero` (as with `< path`).
        case path(String)
    }

    /// The executable, next to the test bundle in the build products folder.
    static let executable: URL? = {
        var folders: [URL] = []
        if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: test).deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        folders.append(TestFiles.packageRoot.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("deeploy-payload") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `deeploy-payload arguments...` in `folder` with `NO_COLOR` set and no Deeploy
    /// credentials in the environment except those in `environment`.
    static func run(
        _ arguments: [String],
        input: Input = .none,
        environment: [String: String] = [:],
        in folder: URL? = nil
    ) throws -> Result {
        let executable = try #require(executable, "deeploy-payload was not built next to the tests")
        return try launch(executable, arguments, input: input, environment: environment, in: folder)
    }

    /// Runs `script` with `shell -c` in `folder`, with `deeploy-payload` first on the `PATH` and
    /// `arguments` as `$0`, `$1`, …: for what `Process` cannot pass itself (a `ulimit`, an
    /// argument that is not UTF-8, `<(…)`, a pipeline). The environment is prepared as for ``run``.
    static func shell(
        _ script: String,
        shell: String = "/bin/sh",
        arguments: [String] = [],
        environment: [String: String] = [:],
        in folder: URL? = nil
    ) throws -> Result {
        let executable = try #require(executable, "deeploy-payload was not built next to the tests")
        var environment = environment
        let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        environment["PATH"] = executable.deletingLastPathComponent().path + ":" + path
        return try launch(URL(fileURLWithPath: shell), ["-c", script] + arguments, input: .none, environment: environment, in: folder)
    }

    private static func launch(
        _ executable: URL, _ arguments: [String], input: Input, environment: [String: String], in folder: URL?
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cli-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DEEPLOY_") }
        variables["NO_COLOR"] = "1"
        variables.merge(environment) { $1 }
        process.environment = variables

        // Files, not pipes, for the output: a full pipe would stall the child.
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        process.standardOutput = stdout
        process.standardError = stderr

        var feed: Pipe?
        switch input {
        case .none:
            process.standardInput = FileHandle.nullDevice
        case .file(let bytes):
            let url = scratch.appendingPathComponent("stdin")
            try Data(bytes).write(to: url)
            process.standardInput = try FileHandle(forReadingFrom: url)
        case .path(let path):
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        case .pipe:
            let pipe = Pipe()
            process.standardInput = pipe
            feed = pipe
        }

        try process.run()
        if case .pipe(let bytes) = input, let feed {
            let writer = feed.fileHandleForWriting
            let thread = Thread {
                writer.write(Data(bytes))
                try? writer.close()
            }
            thread.start()
        }
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        )
    }
}
