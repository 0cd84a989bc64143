import ArgumentParser
import DeeployCLISupport
import DeeployPayload
import Magic

/// `deeploy-payload inspect PATH...`: what each payload really is and whether Deeploy accepts it.
struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check payload files: what they are, whether Deeploy accepts them, and as which Content-Type.\nExample: deeploy-payload inspect -r payloads/",
        discussion: """
            Each file is sniffed (signatures, strict JSON, charset, polyglots, libmagic) and judged \
            against the Content-Type it will be sent with (--declared), or against the rules for a \
            request without Content-Type, which Deeploy takes as application/json.

            JSON results have exactly the keys path, size, sniffed, charset, description, declared, \
            effective, accepted, reasons, warnings, suggested, and with --explain a last key \
            messages (a list of {code, message}, reasons first); a file that cannot be read gives path, \
            accepted (false) and error. reasons and warnings hold stable codes such as \
            invalid-json, not-accepted-type, declared-mismatch, binary-as-text, charset-mismatch, \
            empty, invalid-declared-type, too-large, scriptable, polyglot, more-specific-type, \
            subtype-mismatch, duplicate-key. suggested is a Content-Type with which the payload would be accepted \
            (checked; the table adds "accepted as T with --declared T" to the reasons), or null. \
            description is libmagic's description with --describe, and null \
            without it: a description costs a second libmagic call for every file, which makes \
            inspect two to three times slower.

            A file name that is not valid UTF-8 is opened by its bytes. Text shows it with each \
            invalid byte as \\xNN (lat\\xE9.json); JSON has that form in path, and the exact bytes, \
            base64, in an extra key pathBytes after the others (only for such names). Control \
            characters in text output are escaped (\\n, \\r, \\t, \\x1B).

            Memory stays bounded whatever the file sizes: large files, standard input, pipes \
            (a FIFO, <(…)) and devices are examined in chunks. --recursive skips the FIFOs and \
            sockets it meets, with a note on standard error; they are not counted.

            Exit status: 0 when every payload is accepted, 1 when any is rejected or unreadable, \
            2 for usage errors.

            Examples:
              deeploy-payload inspect request.json
              deeploy-payload inspect --declared image/png --recursive images/
              deeploy-payload inspect --strict --max-size 10M --format jsonl fixtures/*.bin
              curl -s "$URL" | deeploy-payload inspect --declared text/plain -
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to inspect; '-' or none reads standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The Content-Type the payloads will be sent with, e.g. 'text/csv; charset=utf-8'. Without it, the rules for a request with no Content-Type apply (JSON).", valueName: "type"))
    var declared: String?

    @Flag(name: .shortAndLong, help: "Inspect the files in folders and their subfolders (sorted; symbolic link loops are skipped).")
    var recursive = false

    @Flag(help: "Use the strict policy: reject subtype mismatches, scriptable content (HTML, XML, SVG, PDF) and polyglots instead of warning.")
    var strict = false

    @Option(help: ArgumentHelp("Reject payloads larger than this: bytes, or with a K, M or G suffix (1024-based), e.g. 10M.", valueName: "size"))
    var maxSize: ByteCount?

    @Option(help: "Output format: table (readable; coloured on a terminal unless NO_COLOR is set), json (one array) or jsonl (one object per line, streamed).")
    var format: InspectFormat = .table

    @Flag(name: .shortAndLong, help: "Print each reason's and warning's message: under its row in the table, under the key messages in JSON.")
    var explain = false

    @Flag(help: "Add libmagic's description of every payload: under its row in the table, as description in JSON (two to three times slower).")
    var describe = false

    @Option(name: .shortAndLong, help: ArgumentHelp("How many files to sniff at once; results stay in order. Default: the number of processors.", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 {
            throw ValidationError("--jobs must be at least 1, not \(jobs).")
        }
        if paths.count(where: { $0 == "-" }) > 1 {
            throw ValidationError("'-' (standard input) can be given only once: standard input can be read only once.")
        }
    }

    mutating func run() async throws {
        let workers = jobs ?? MagicPool.defaultSize
        let sniffer: Sniffer
        do {
            sniffer = try Sniffer(configuration: SnifferConfiguration(poolSize: workers, alwaysDescribe: describe))
        } catch {
            StandardError.writeLine("deeploy-payload: \(error)")
            throw ExitCode.rejected
        }
        var policy = strict ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
        policy.maximumSize = maxSize?.bytes

        var walker = PathWalker(recursive: recursive)
        let targets = walker.targets(for: paths)
        for path in walker.skipped {
            StandardError.writeLine("deeploy-payload inspect: skipped '\(path)': a FIFO or socket, not a file (name it on the command line to read a FIFO).")
        }
        let output = OutputWriter()
        var reporter = makeReporter(output: output)
        // When standard output is the terminal, the rows themselves show progress.
        var progress = ProgressLine(
            total: targets.count,
            isEnabled: targets.count > 20 && Terminal.isTerminal(2) && !Terminal.isTerminal(1) && !Terminal.isDumb
        )
        progress.clearsOnInterrupt()
        if targets.contains(.standardInput) { Terminal.hintIfReadingTerminal("inspect") }

        var allAccepted = true
        reporter.begin(targets: targets)
        let inspection = Inspection(sniffer: sniffer, policy: policy, declared: declared)
        await inspection.run(targets, workers: workers) { index, outcome in
            progress.update(done: index + 1, path: outcome.path)
            allAccepted = allAccepted && outcome.isAccepted
            reporter.report(outcome)
        }
        progress.clear()
        reporter.finish()
        if !allAccepted { throw ExitCode.rejected }
    }

    private func makeReporter(output: OutputWriter) -> any InspectionReporter {
        switch format {
        case .table: TableReporter(output: output, style: Terminal.standardOutputStyle, explains: explain)
        case .json: JSONArrayReporter(output: output, explains: explain)
        case .jsonl: JSONLinesReporter(output: output, explains: explain)
        }
    }
}
