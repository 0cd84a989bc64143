import DeeployPayload

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sniffs and judges inspection targets, several at once, delivering results in target order.
struct Inspection: Sendable {
    let sniffer: Sniffer
    let policy: AcceptancePolicy
    let declared: String?

    /// Inspects `targets` with up to `workers` files in flight and calls `deliver` with each
    /// outcome in order.
    ///
    /// Targets go to workers in small batches, so that task switches stay rare next to the
    /// work; at most `2 × workers` batches are in flight or waiting for an earlier one, so memory
    /// stays bounded (one file per worker is held at a time, outcomes are small).
    func run(_ targets: [InspectionTarget], workers: Int, deliver: (Int, InspectionOutcome) -> Void) async {
        if workers <= 1 || targets.count <= 1 {
            for (index, target) in targets.enumerated() { deliver(index, await inspect(target)) }
            return
        }
        let batchSize = max(1, min(32, targets.count / (4 * workers)))
        let batches = stride(from: 0, to: targets.count, by: batchSize).map { $0..<min($0 + batchSize, targets.count) }
        let window = 2 * workers
        await withTaskGroup(of: (Int, [InspectionOutcome]).self) { group in
            var submitted = 0
            var delivered = 0
            var waiting: [Int: [InspectionOutcome]] = [:]
            func submit() {
                let batch = submitted
                let slice = Array(targets[batches[batch]])
                group.addTask {
                    var outcomes: [InspectionOutcome] = []
                    outcomes.reserveCapacity(slice.count)
                    for target in slice { outcomes.append(await inspect(target)) }
                    return (batch, outcomes)
                }
                submitted += 1
            }
            while submitted < min(window, batches.count) { submit() }
            while let (batch, outcomes) = await group.next() {
                waiting[batch] = outcomes
                while let ready = waiting.removeValue(forKey: delivered) {
                    for (offset, outcome) in ready.enumerated() { deliver(batches[delivered].lowerBound + offset, outcome) }
                    delivered += 1
                }
                if submitted < batches.count { submit() }
            }
        }
    }

    /// The outcome for one target; failures become outcomes, never errors.
    func inspect(_ target: InspectionTarget) async -> InspectionOutcome {
        switch target {
        case .failure(let path, let message, let bytes):
            return .failure(path: path, message: message, pathBytes: bytes)
        case .file(let path) where StreamFile.isStream(RawPath.bytes(path)):
            return await streamOutcome(path: path, bytes: RawPath.bytes(path), pathBytes: nil)
        case .rawFile(let path, let bytes) where StreamFile.isStream(bytes):
            return await streamOutcome(path: path, bytes: bytes, pathBytes: bytes)
        case .file(let path) where isReadInChunks(RawPath.bytes(path)):
            return await largeFileOutcome(path: path, bytes: RawPath.bytes(path), pathBytes: nil)
        case .rawFile(let path, let bytes) where isReadInChunks(bytes):
            return await largeFileOutcome(path: path, bytes: bytes, pathBytes: bytes)
        case .file(let path):
            do {
                return .verdict(path: path, checkingSuggestion(try sniffer.verdict(.file(path: path), declared: declared, policy: policy)))
            } catch {
                return .failure(path: path, message: CLIWording.sniff(error))
            }
        case .rawFile(let path, let bytes):
            return rawFileOutcome(path: path, bytes: bytes)
        case .standardInput:
            do {
                return .verdict(path: target.path, checkingSuggestion(try await standardInputVerdict()))
            } catch {
                return .failure(path: target.path, message: "\(error)")
            }
        }
    }

    /// The verdict, keeping its suggested Content-Type only when the payload declared with it
    /// is accepted and it is not the type the payload is already sent with: the table's
    /// "accepted as T with --declared T" and the JSON key `suggested` promise no less.
    private func checkingSuggestion(_ verdict: Verdict) -> Verdict {
        guard let suggestion = verdict.suggestedContentType else { return verdict }
        var checked = verdict
        if suggestion == verdict.effectiveContentType || !policy.verdict(for: verdict.sniff, declared: suggestion).isAccepted {
            checked.suggestedContentType = nil
        }
        return checked
    }

    /// A file whose name is not valid UTF-8: opened here from its bytes (the sniffer opens
    /// paths from Strings), with the same flags as the sniffer, and its errors named by `path`.
    private func rawFileOutcome(path: String, bytes: [UInt8]) -> InspectionOutcome {
        let descriptor = RawPath.openForSniffing(bytes)
        guard descriptor >= 0 else {
            return .failure(path: path, message: CLIWording.sniff(.cannotOpen(path: path, errno: errno)), pathBytes: bytes)
        }
        defer { close(descriptor) }
        do {
            let verdict = try sniffer.verdict(.fileDescriptor(descriptor), declared: declared, policy: policy)
            return .verdict(path: path, checkingSuggestion(verdict), pathBytes: bytes)
        } catch {
            return .failure(path: path, message: CLIWording.sniff(error.naming(path)), pathBytes: bytes)
        }
    }

    /// A pipe or device named by a path (a FIFO, `<(…)`, `/dev/null`): read in chunks like a piped
    /// standard input, which stop once they pass --max-size.
    private func streamOutcome(path: String, bytes: [UInt8], pathBytes: [UInt8]?) async -> InspectionOutcome {
        let descriptor = StreamFile.openForReading(bytes)
        guard descriptor >= 0 else {
            return .failure(path: path, message: CLIWording.sniff(.cannotOpen(path: path, errno: errno)), pathBytes: pathBytes)
        }
        defer { close(descriptor) }
        do {
            let chunks = FileDescriptorChunks(descriptor: descriptor, name: "'\(path)'")
            let verdict = try await sniffer.verdict(chunks: chunks, declared: declared, policy: policy, stoppingOnceRefused: true)
            return .verdict(path: path, checkingSuggestion(verdict), pathBytes: pathBytes)
        } catch {
            return .failure(path: path, message: "\(error)", pathBytes: pathBytes)
        }
    }

    /// A redirected file is judged like any file; a pipe or device is streamed in chunks, which
    /// stop once they pass --max-size (so `- < /dev/zero` ends).
    private func standardInputVerdict() async throws -> Verdict {
        var info = stat()
        if fstat(0, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            return try sniffer.verdict(.fileDescriptor(0), declared: declared, policy: policy)
        }
        return try await sniffer.verdict(chunks: FileDescriptorChunks(descriptor: 0), declared: declared, policy: policy, stoppingOnceRefused: true)
    }

    /// Whether `bytes` names a regular file that the sniffer would read to its end in chunks:
    /// larger than it holds in memory (``SnifferConfiguration/inMemoryLimit``), and not larger
    /// than --max-size (such a file is refused from its header alone). Such a file is read here
    /// in chunks that stop once its refusal is certain.
    private func isReadInChunks(_ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard RawPath.withCString(bytes, { stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        let size = Int(info.st_size)
        return size > sniffer.configuration.inMemoryLimit && size <= policy.maximumSize ?? Int.max
    }

    /// A large regular file, read in 1 MiB chunks until its refusal is certain (`--declared
    /// text/plain` on a file whose byte 0 is NUL reads one chunk); the sniff keeps the file's size.
    private func largeFileOutcome(path: String, bytes: [UInt8], pathBytes: [UInt8]?) async -> InspectionOutcome {
        let descriptor = StreamFile.openForReading(bytes)
        guard descriptor >= 0 else {
            return .failure(path: path, message: CLIWording.sniff(.cannotOpen(path: path, errno: errno)), pathBytes: pathBytes)
        }
        defer { close(descriptor) }
        do {
            var info = stat()
            let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : nil
            let chunks = FileDescriptorChunks(descriptor: descriptor, chunkSize: 1 << 20, name: "'\(path)'")
            var verdict = try await sniffer.verdict(chunks: chunks, declared: declared, policy: policy, stoppingOnceRefused: true)
            if let size { verdict.sniff.size = size }
            return .verdict(path: path, checkingSuggestion(verdict), pathBytes: pathBytes)
        } catch {
            return .failure(path: path, message: "\(error)", pathBytes: pathBytes)
        }
    }
}
