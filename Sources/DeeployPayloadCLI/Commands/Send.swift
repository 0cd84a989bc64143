import ArgumentParser
import DeeployCLISupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `deeploy-payload send …`: runs `deeploy-send …`, installed beside `deeploy-payload`.
///
/// The client links SwiftNIO and AsyncHTTPClient; linked into `deeploy-payload`, they made every
/// command start slower (figures in the commit that split them). `Main` hands `send` over
/// before parsing, so `deeploy-payload send --help` shows deeploy-send's own help; this command
/// exists so that `deeploy-payload --help` lists `send`.
struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: """
            Judge a payload, send it to a deployment, and print the decoded answer.
            Example: deeploy-payload send req.json \\
              --url http://127.0.0.1:9/workspaces/w/deployments/d
            """,
        discussion: """
            Runs deeploy-send, the executable built beside deeploy-payload (swift build \
            --product deeploy-send), so `deeploy-payload send --help` is deeploy-send's help. \
            The payload is judged first; a refused payload is never sent.

            Examples:
              deeploy-payload send req.json --url http://127.0.0.1:9/workspaces/w/deployments/d
              deeploy-payload send --help
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "deeploy-send's arguments; see deeploy-payload send --help.")
    var arguments: [String] = []

    func run() throws {
        try Self.forward(arguments)
    }

    /// Replaces this process with `deeploy-send ARGUMENTS`: the one beside this executable, or
    /// else the first on the PATH.
    /// - Throws: `ExitCode.rejected` with a message when deeploy-send cannot be run.
    static func forward(_ arguments: [String]) throws -> Never {
        var candidates: [String] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = path.lastIndex(of: "/") { candidates.append(String(path[..<slash]) + "/deeploy-send") }
        }
        let argv = ["deeploy-send"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        for candidate in candidates where access(candidate, X_OK) == 0 {
            execv(candidate, &cArguments)
        }
        execvp("deeploy-send", &cArguments)
        StandardError.writeLine(
            "deeploy-payload send: deeploy-send, which sends payloads, is not installed beside deeploy-payload or on the PATH "
                + "(\(String(cString: strerror(errno)))). Build it with: swift build --product deeploy-send")
        throw ExitCode.rejected
    }
}
