import DeeployPayload
import Foundation
import Magic
import Testing

/// Runs every corpus case through the library and reports every mismatch at once.
@Suite struct CorpusTests {
    let manifest = CorpusManifest.shared

    @Test func corpusIsLargeEnough() {
        #expect(manifest.files.count >= 200)
        #expect(!manifest.contentTypes.isEmpty && !manifest.authorizations.isEmpty)
    }

    @Test func everyFileSniffsAndJudgesAsExpected() throws {
        let sniffer = sharedSniffer
        var mismatches: [String] = []
        var checks = 0
        for file in manifest.files {
            let bytes = try CorpusManifest.bytes(file.path)
            let sniff = try sniffer.sniff(.bytes(bytes))
            if sniff.mediaType.essence != file.sniffed {
                mismatches.append("\(file.id): sniffed \(sniff.mediaType.essence) (\(sniff.evidence)), expected \(file.sniffed)")
            }
            if sniff.isPolyglot != file.polyglot {
                mismatches.append("\(file.id): polyglot \(sniff.isPolyglot) \(sniff.polyglotFindings.map(\.description)), expected \(file.polyglot)")
            }
            if try sniffer.sniff(.file(path: CorpusManifest.path(file.path))) != sniff {
                mismatches.append("\(file.id): sniffing the path differs from sniffing the bytes")
            }
            for (policy, list) in [(AcceptancePolicy.deeploy, file.checks), (.strict, file.strictChecks ?? [])] {
                for check in list {
                    checks += 1
                    let verdict = policy.verdict(for: sniff, declared: check.declared)
                    let label = "\(file.id) declared \(check.declared ?? "none")\(policy.isStrict ? " (strict)" : "")"
                    let reasons = Set(verdict.reasonCodes.map(\.rawValue))
                    let warnings = Set(verdict.warningCodes.map(\.rawValue))
                    if verdict.isAccepted != check.accepted || reasons != Set(check.reasons) || warnings != Set(check.warnings) {
                        mismatches.append("\(label): got \(verdict.isAccepted ? "accepted" : "rejected") reasons \(reasons.sorted()) warnings \(warnings.sorted()); expected \(check.accepted ? "accepted" : "rejected") reasons \(check.reasons.sorted()) warnings \(check.warnings.sorted())")
                    } else if let effective = check.effective, verdict.effectiveContentType?.description != effective {
                        mismatches.append("\(label): effective \(verdict.effectiveContentType?.description ?? "nil"), expected \(effective)")
                    }
                    let oneCall = try sniffer.verdict(.bytes(bytes), declared: check.declared, policy: policy)
                    if VerdictOutcome(oneCall) != VerdictOutcome(verdict) {
                        mismatches.append("\(label): Sniffer.verdict decides \(VerdictOutcome(oneCall)), judging the sniff decides \(VerdictOutcome(verdict))")
                    }
                }
            }
        }
        #expect(checks > 1_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) corpus mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    /// The binding answers exactly what `file --mime-type -b` answers, for every corpus file.
    @Test func bindingMatchesTheFileCommand() throws {
        let paths = manifest.files.map { CorpusManifest.path($0.path) }
        let oracle = try FileCommand.mimeTypes(of: paths)
        var cookie = try MagicCookie()
        var mismatches: [String] = []
        for (index, path) in paths.enumerated() {
            let binding = try cookie.sniff(path: path).mimeType
            if binding != oracle[index] {
                mismatches.append("\(manifest.files[index].id): binding \(binding), file(1) \(oracle[index])")
            }
        }
        #expect(oracle.count == paths.count)
        #expect(mismatches.isEmpty, "\(mismatches.count) differences from file(1):\n\(mismatches.joined(separator: "\n"))")
    }

    /// Content-Type header values normalise as a gateway must: WHATWG parsing,
    /// and CR, LF or NUL anywhere is an error rather than something to strip.
    @Test func contentTypesNormaliseAsExpected() {
        var mismatches: [String] = []
        for entry in manifest.contentTypes {
            let normalized = (try? ContentTypeHeader.normalize([entry.input]))?.description
            if normalized != entry.normalized {
                mismatches.append("\(entry.input.debugDescription): got \(normalized ?? "nil"), expected \(entry.normalized ?? "nil")")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) Content-Type mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func authorizationValuesParseAsExpected() {
        var mismatches: [String] = []
        for entry in manifest.authorizations {
            do {
                let credentials = try Credentials.parse(authorization: entry.input)
                let kind = credentials.kind == .personalKeyPair ? "basic" : "bearer"
                if kind != entry.expect { mismatches.append("\(entry.input.debugDescription): got \(kind), expected \(entry.expect)") }
                if let accessKey = entry.accessKey, credentials.revealed().accessKey != accessKey {
                    mismatches.append("\(entry.input.debugDescription): access key \(credentials.revealed().accessKey ?? "nil"), expected \(accessKey)")
                }
            } catch {
                if entry.expect != "invalid" {
                    mismatches.append("\(entry.input.debugDescription): rejected (\(error)), expected \(entry.expect)")
                } else if let needle = entry.messageContains, !error.description.contains(needle) {
                    mismatches.append("\(entry.input.debugDescription): message \(error.description.debugDescription) lacks \(needle.debugDescription)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) Authorization mismatches:\n\(mismatches.joined(separator: "\n"))")
    }
}

@Suite struct CorpusTensorAndPairTests {
    let manifest = CorpusManifest.shared

    @Test func everyTensorBodyDecodesAsExpected() throws {
        var mismatches: [String] = []
        for entry in manifest.tensors {
            let body = try CorpusManifest.bytes(entry.path)
            do {
                let decoded = try BinaryTensorBody.decode(body: body, headerLength: entry.headerLength)
                if !entry.valid { mismatches.append("\(entry.id): decoded, expected an error") }
                if let count = entry.tensorCount, decoded.tensors.count != count {
                    mismatches.append("\(entry.id): \(decoded.tensors.count) tensors, expected \(count)")
                }
            } catch {
                if entry.valid { mismatches.append("\(entry.id): \(error)") }
            }
        }
        #expect(manifest.tensors.count >= 30)
        #expect(mismatches.isEmpty, "\(mismatches.count) tensor mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func everyPairSplitsAsExpected() throws {
        let splitter = LogSplitter(sniffer: sharedSniffer)
        var mismatches: [String] = []
        for pair in manifest.pairs {
            guard let endpoint = InferenceEndpoint(name: pair.endpoint) else {
                mismatches.append("\(pair.id): unknown endpoint \(pair.endpoint)")
                continue
            }
            let split = splitter.split(
                request: LoggedBody(contentType: MediaType(pair.requestType), bytes: try CorpusManifest.bytes(pair.request)),
                response: LoggedBody(contentType: MediaType(pair.responseType), bytes: try CorpusManifest.bytes(pair.response)),
                status: pair.status, endpoint: endpoint
            )
            if split.predictionLogs.count != pair.predictionLogs {
                mismatches.append("\(pair.id): \(split.predictionLogs.count) prediction logs, expected \(pair.predictionLogs) (\(split.requestLog.outcome))")
            }
            if split.requestLog.outcome.isSplit != pair.split {
                mismatches.append("\(pair.id): split \(split.requestLog.outcome.isSplit), expected \(pair.split)")
            }
        }
        #expect(manifest.pairs.count >= 20)
        #expect(mismatches.isEmpty, "\(mismatches.count) pair mismatches:\n\(mismatches.joined(separator: "\n"))")
    }
}

/// Runs `file --mime-type -b` once over many paths.
enum FileCommand {
    static func mimeTypes(of paths: [String]) throws -> [String] {
        var answers: [String] = []
        for batch in stride(from: 0, to: paths.count, by: 200).map({ Array(paths[$0..<min($0 + 200, paths.count)]) }) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["file", "--mime-type", "-b", "--"] + batch
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            answers += String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        return answers
    }
}

@Suite struct CorpusSignatureAgreementTests {
    /// Wherever the fast path answers on a corpus file, libmagic agrees, except on
    /// polyglots, where libmagic may name the hidden format instead (a BMP with a
    /// ZIP appended is `application/zip` to it); the sniffer names the visible one
    /// and flags the other.
    @Test func fastPathAgreesWithLibmagicOnTheCorpus() throws {
        var cookie = try MagicCookie()
        var answered = 0
        var mismatches: [String] = []
        for file in CorpusManifest.shared.files {
            let bytes = try CorpusManifest.bytes(file.path)
            guard let format = Signatures.match(bytes) else { continue }
            answered += 1
            let libmagic = try cookie.mimeType(of: bytes)
            if libmagic == format.mediaType.essence { continue }
            let sniff = try sharedSniffer.sniff(.bytes(bytes))
            if sniff.isPolyglot && libmagic == "application/zip" { continue }
            mismatches.append("\(file.id): fast path \(format.mediaType.essence), libmagic \(libmagic)")
        }
        #expect(answered > 60)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
