import ArgumentParser
import Magic

/// `deeploy-payload inspect FILE...`: what each file really is.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each file's MIME type as libmagic sniffs it.",
        discussion: "Example: deeploy-payload inspect Corpus/valid/*.json"
    )

    @Argument(help: "The files to inspect.")
    var paths: [String]

    mutating func run() throws {
        var cookie = try MagicCookie()
        var failed = false
        for path in paths {
            do {
                let report = try cookie.sniff(path: path)
                print("\(path): \(report.mimeType)")
            } catch {
                failed = true
                printError("\(path): error: \(error)")
            }
        }
        if failed { throw ExitCode.failure }
    }
}
