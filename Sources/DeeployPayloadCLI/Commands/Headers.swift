import ArgumentParser
import DeeployCLISupport
import DeeployPayload
import HTTPTypes

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `deeploy-payload headers`: the exact header lines of an inference request, or a diagnosis
/// of a pasted `Authorization` value.
struct Headers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the exact headers to send with an inference request.\nExample: deeploy-payload headers --for-file cat.png",
        discussion: """
            Credentials come from --access-key and --secret-key (a personal key pair, sent as \
            Basic), --token (a deployment token, sent as Bearer), or, so that secrets stay out of \
            shell history, the environment: DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY, or \
            DEEPLOY_TOKEN. Basic credentials are encoded without a trailing newline.

            The Content-Type is --content-type, normalised; or, with --for-file, the type the \
            file's verdict says to send (the recommended type for its bytes, or --content-type \
            when both are given; a rejected file is an error). Without either it is \
            application/json.

            The output holds the Authorization value, which is a secret: it is what was asked \
            for. Error messages never show a secret.

            --check-authorization diagnoses a pasted Authorization value instead, such as the \
            one `echo "access_key:secret_key" | base64` makes (echo's newline is encoded too); \
            it prints the kind of credential, the access key of a key pair, and what is wrong, \
            never the secret. Pass '-' to read the value from standard input. A pasted header \
            name ('Authorization:') is stripped, with a note on standard error; a trailing CR LF \
            (a Windows line ending) is named as the problem.

            Exit status: 0 on success (a valid value for --check-authorization), 1 when a \
            credential, type or file is invalid or rejected, 2 for usage errors.

            Examples:
              export DEEPLOY_ACCESS_KEY=… DEEPLOY_SECRET_KEY=…
              deeploy-payload headers --content-type 'Text/CSV; Charset=utf-8'
              deeploy-payload headers --token "$TOKEN" --for-file scan.pdf \\
                  --organization-id org-1
              deeploy-payload headers --format json --for-file request.json
              deeploy-payload headers --check-authorization 'Basic YWs6c2sK'
            """
    )

    @OptionGroup var credentials: CredentialOptions

    @Option(help: ArgumentHelp("The Content-Type to send, normalised; with --for-file, the type to check the file against.", valueName: "type"))
    var contentType: String?

    @Option(help: ArgumentHelp("A payload file ('-' for standard input; a pipe or device is read as a stream): send the Content-Type its verdict gives.", valueName: "file"))
    var forFile: String?

    @Flag(help: "With --for-file, judge the file with the strict policy.")
    var strict = false

    @OptionGroup var organization: OrganizationOption

    @Option(help: ArgumentHelp("Diagnose this Authorization value instead of building headers; '-' reads it from standard input.", valueName: "value"))
    var checkAuthorization: String?

    @Option(help: "Output format: text (header lines) or json (an object of header name to value).")
    var format: TextOrJSON = .text

    mutating func validate() throws {
        if checkAuthorization != nil {
            let others = [contentType, forFile, organization.organizationId].contains { $0 != nil }
            if others || credentials.isAnyGiven || strict {
                throw ValidationError("--check-authorization takes no other option but --format.")
            }
            return
        }
        _ = try credentials.source()
        if strict && forFile == nil {
            throw ValidationError("--strict applies to --for-file only.")
        }
    }

    mutating func run() async throws {
        if let checkAuthorization {
            do {
                try await diagnose(checkAuthorization)
            } catch let failure as HeadersFailure {
                StandardError.writeLine("deeploy-payload headers: \(failure.message)")
                throw ExitCode.rejected
            }
            return
        }
        let source = try credentials.source()
        let fields: HTTPFields
        do {
            fields = try HTTPFields.deeployRequest(
                credentials: try source.credentials(),
                contentType: try await resolvedContentType(),
                organizationID: organization.organizationId
            )
        } catch let failure as HeadersFailure {
            StandardError.writeLine("deeploy-payload headers: \(failure.message)")
            throw ExitCode.rejected
        } catch {
            StandardError.writeLine("deeploy-payload headers: \(error)")
            throw ExitCode.rejected
        }
        HeaderFieldsReport(fields: fields).write(format, to: OutputWriter())
    }

    /// The Content-Type to send: from --for-file's verdict, else --content-type, else JSON.
    private func resolvedContentType() async throws -> MediaType {
        if let forFile {
            let sniffer = try Sniffer(configuration: SnifferConfiguration(poolSize: 1))
            let verdict: Verdict
            // A name that is not valid UTF-8 is opened here by its bytes; see RawPath.
            let rawBytes = RawPath.argumentBytes(forFile)
            // Standard input ('-'), a FIFO, `<(…)` or a device is read in chunks.
            let stream = forFile == "-" ? nil : RawPath.bytes(forFile)
            if forFile == "-" { Terminal.hintIfReadingTerminal("headers") }
            if forFile == "-" || StreamFile.isStream(stream!) {
                verdict = try await streamVerdict(forFile, bytes: stream, sniffer: sniffer)
            } else {
                verdict = try fileVerdict(forFile, rawBytes: rawBytes, sniffer: sniffer)
            }
            guard verdict.isAccepted, let effective = verdict.effectiveContentType else {
                let reasons = verdict.reasons.map(\.description).joined(separator: "; ")
                throw HeadersFailure(message: "'\(forFile)' would be rejected: \(reasons)")
            }
            return effective
        }
        guard let contentType else { return .applicationJSON }
        return try MediaType.parse(contentType)
    }

    /// The sending verdict for a pipe or device: standard input when `bytes` is nil, else the
    /// path `bytes`, opened for reading.
    private func streamVerdict(_ forFile: String, bytes: [UInt8]?, sniffer: Sniffer) async throws -> Verdict {
        var descriptor: Int32 = 0
        if let bytes {
            descriptor = StreamFile.openForReading(bytes)
            guard descriptor >= 0 else {
                throw HeadersFailure(message: CLIWording.sniff(.cannotOpen(path: forFile, errno: errno), option: "--for-file"))
            }
        }
        defer { if bytes != nil { close(descriptor) } }
        let policy: AcceptancePolicy = strict ? .strict : .deeploy
        do {
            let name = bytes == nil ? "standard input" : "'\(forFile)'"
            let sniff = try await sniffer.sniff(chunks: FileDescriptorChunks(descriptor: descriptor, name: name))
            if let contentType { return policy.verdict(for: sniff, declared: contentType) }
            return policy.verdict(for: sniff, declared: policy.recommendedContentType(for: sniff))
        } catch let error as SniffError {
            throw HeadersFailure(message: CLIWording.sniff(error.naming(forFile), option: "--for-file"))
        } catch {
            throw HeadersFailure(message: "\(error)")
        }
    }

    /// The sending verdict for a regular file (or a path the sniffer refuses with its message).
    private func fileVerdict(_ forFile: String, rawBytes: [UInt8]?, sniffer: Sniffer) throws -> Verdict {
        let verdict: Verdict
        var descriptor: Int32 = -1
        if let rawBytes {
            descriptor = RawPath.openForSniffing(rawBytes)
            guard descriptor >= 0 else {
                throw HeadersFailure(message: CLIWording.sniff(.cannotOpen(path: forFile, errno: errno), option: "--for-file"))
            }
        }
        defer { if descriptor >= 0 { close(descriptor) } }
        do {
            let payload: Sniffer.Payload = rawBytes == nil ? .file(path: forFile) : .fileDescriptor(descriptor)
            verdict = try sniffer.sendingVerdict(payload, declared: contentType, policy: strict ? .strict : .deeploy)
        } catch {
            throw HeadersFailure(message: CLIWording.sniff(error.naming(forFile), option: "--for-file"))
        }
        return verdict
    }

    /// The longest Authorization value read from standard input: far more than any server takes.
    private static let longestDiagnosedValue = 64 << 10

    private func diagnose(_ argument: String) async throws {
        var value = argument
        if argument == "-" {
            guard let bytes = try await FileDescriptorChunks(descriptor: 0).readAll(limit: Self.longestDiagnosedValue) else {
                throw HeadersFailure(
                    message: "the Authorization value on standard input is longer than \(Self.longestDiagnosedValue >> 10) KiB; no server takes a header that long.")
            }
            value = String(decoding: bytes, as: UTF8.self)
            // The line ending typed or piped after the value is not part of it. (A Windows
            // CR LF is a String's one Character "\r\n"; work on the scalars.)
            if value.unicodeScalars.last == "\n" { value.unicodeScalars.removeLast() }
        }
        if let stripped = Self.withoutHeaderName(value) {
            StandardError.writeLine(
                "deeploy-payload headers: note: the value started with the header name 'Authorization:', "
                    + "which is not part of the value; the rest is diagnosed.")
            value = stripped
        }
        let report = AuthorizationReport(authorization: value)
        report.write(format, to: OutputWriter())
        if !report.isValid { throw ExitCode.rejected }
    }

    /// `value` without a leading `Authorization:` header name (any case) and the blanks after
    /// it, or nil when it does not start with one.
    static func withoutHeaderName(_ value: String) -> String? {
        let name = "authorization:"
        guard value.utf8.count >= name.utf8.count, value.utf8.prefix(name.utf8.count).elementsEqual(name.utf8, by: { $0 | 0x20 == $1 | 0x20 })
        else { return nil }
        return String(value.unicodeScalars.dropFirst(name.unicodeScalars.count).drop { $0 == " " || $0 == "\t" })
    }
}

/// A failure of `headers` whose message is ready to print.
struct HeadersFailure: Error {
    let message: String
}
