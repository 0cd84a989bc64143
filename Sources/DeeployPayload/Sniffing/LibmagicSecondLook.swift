import Magic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libmagic's second look at a payload, past the window, when its first answer names less than
/// `file(1)` would.
///
/// libmagic is shown ``SnifferConfiguration/libmagicWindow`` bytes first: most answers are
/// settled there. A few are not, because libmagic needs more than the window, or needs to read
/// the payload as a file, which `magic_buffer` never does:
/// - `application/octet-stream` for a payload longer than the window, or one that ends as a ZIP
///   does: an ISO 9660 image (its signature is at byte 32,769), a ZIP with data before it
///   (libmagic finds it from its end, only in a file);
/// - `application/x-ole-storage` or `application/CDFV2`, a compound document (CDF) longer than
///   the window: Word, Excel, PowerPoint and Outlook files are named from its directory;
/// - `application/zip`, longer than the window: a JAR or an OpenDocument file is named from entries
///   past it;
/// - `application/x-sharedlib`, at any size: libmagic tells a PIE executable from a shared
///   library by its dynamic section, which it reads only from a file.
///
/// Then libmagic reads the payload as `file(1)` reads a file (`magic_descriptor`), bounded by
/// its own `MAGIC_PARAM_BYTES_MAX` (7 MiB by default): a file the sniffer opened itself
/// directly; bytes in memory, or a file descriptor the caller owns (whose offset libmagic would
/// move), through an unnamed in-memory copy of at most `MAGIC_PARAM_BYTES_MAX` bytes from each
/// end. A stream longer than ``SnifferConfiguration/inMemoryLimit`` keeps only its header, so
/// that is all the second look sees.
///
/// Its answer is taken only when it names a type none of the sniffer's own checks decide: not
/// text, JSON, XML, an image, a PDF or `application/octet-stream`. Those stay as the window
/// named them, so that the second look never changes what a policy accepts, nor the payload
/// gate's certainty from a prefix (``Sniffer/possibleTypes(ofPayloadStartingWith:)``).
enum LibmagicSecondLook {
    /// Whether libmagic's first answer, from the first bytes of a `size`-byte payload
    /// (`window`), may name more with a second look.
    static func isWorthIt(firstAnswer: String, window: UnsafeRawBufferPointer, size: Int) -> Bool {
        switch firstAnswer {
        case "application/x-sharedlib":
            true
        case "application/octet-stream":
            size > window.count || endsWithZipDirectory(window)
        case "application/x-ole-storage", "application/CDFV2", "application/zip":
            size > window.count
        default:
            false
        }
    }

    /// Whether `bytes` end with a ZIP end-of-central-directory record without a comment: what
    /// libmagic looks for, 22 bytes from the end of a file, to find a ZIP with data before it.
    private static func endsWithZipDirectory(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 22 && bytes[bytes.count - 22] == 0x50 && bytes[bytes.count - 21] == 0x4B
            && bytes[bytes.count - 20] == 0x05 && bytes[bytes.count - 19] == 0x06
    }

    /// Whether the second look's answer may replace the first.
    static func isUsable(_ type: MediaType) -> Bool {
        !(type.isText || type.isJSON || type.isXML || type.isImage || type.isPDF || type.isOctetStream)
    }

    /// The checks the second look leaves out: those for text, whose answers are not used (see
    /// ``isUsable(_:)``) and which cost most on a long payload (the JSON check reads all of it).
    static let skippedChecks: MagicFlags = [.noCheckText, .noCheckJSON, .noCheckCSV, .noCheckEncoding, .noCheckTokens]

    /// Where the second look reads from.
    enum Source {
        /// The payload in memory: whole, or as much of it as is held.
        case bytes(UnsafeRawBufferPointer)
        /// A regular file the sniffer opened itself, at offset 0, which libmagic may read as it
        /// likes (it restores the offset).
        case ownFile(descriptor: Int32)
        /// A regular file of `size` bytes whose descriptor the caller owns: read with `pread`.
        case borrowedFile(descriptor: Int32, size: Int)
    }

    /// libmagic's answer from reading `source` as a file, or nil when it cannot be asked so (no
    /// in-memory file could be made, or libmagic failed): the first answer then stands.
    static func answer(_ source: Source, cookie: inout MagicCookie, describe: Bool) -> MagicReport? {
        let detail: MagicReport.Detail = describe ? .description : []
        if case .ownFile(let descriptor) = source {
            return try? cookie.sniff(fileDescriptor: descriptor, detail: detail, skipping: skippedChecks)
        }
        guard let limit = try? cookie.value(of: .bytesMax), let copy = UnnamedFile() else { return nil }
        let copied: Bool
        switch source {
        case .bytes(let bytes): copied = copy.fill(size: bytes.count, limit: limit) { offset, count in copy.write(bytes[offset..<offset + count], at: offset) }
        case .borrowedFile(let descriptor, let size): copied = copy.fill(size: size, limit: limit) { copy.copy(from: descriptor, at: $0, count: $1) }
        case .ownFile: copied = false
        }
        guard copied else { return nil }
        return try? cookie.sniff(fileDescriptor: copy.descriptor, detail: detail, skipping: skippedChecks)
    }
}

/// A file with no name, for libmagic to read a copy of a payload as a file: in memory (Linux's
/// `memfd_create`), or else a temporary file unlinked at once. Closed when dropped.
struct UnnamedFile: ~Copyable {
    let descriptor: Int32

    init?() {
        var descriptor: Int32 = -1
        #if os(Linux)
        // memfd_create is not in the Glibc module Swift imports (glibc declares it only under
        // _GNU_SOURCE), so it is looked up by name; it is in glibc since 2.27.
        typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
        if let symbol = dlsym(nil, "memfd_create") {
            let memfdCreate = unsafeBitCast(symbol, to: MemfdCreate.self)
            descriptor = memfdCreate("deeploy-payload-libmagic", 1)  // MFD_CLOEXEC
        }
        #endif
        if descriptor < 0 {
            let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
            var template = Array("\(folder)/deeploy-payload-libmagic-XXXXXX".utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { return nil }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        }
        // A payload has no permissions; libmagic reads execute bits for an ELF file without a
        // dynamic section, so the copy has none.
        _ = fchmod(descriptor, 0o600)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Makes the file `size` bytes long, holding the first and the last `limit` bytes of the
    /// payload (all of it when it is at most twice `limit`) at their offsets, the middle left
    /// as a hole: what libmagic reads of a file, at each end. `write(offset, count)` copies a
    /// range of the payload into the file.
    func fill(size: Int, limit: Int, _ write: (Int, Int) -> Bool) -> Bool {
        guard ftruncate(descriptor, off_t(size)) == 0 else { return false }
        let head = min(size, limit)
        let tailStart = max(head, size - limit)
        return write(0, head) && (tailStart == size || write(tailStart, size - tailStart))
    }

    /// Writes `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer.SubSequence, at offset: Int) -> Bool {
        let buffer = UnsafeRawBufferPointer(rebasing: bytes)
        var done = 0
        while done < buffer.count {
            let wrote = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return false }
            done += wrote
        }
        return true
    }

    /// Copies `count` bytes at `offset` of the file `source` to the same offset here.
    func copy(from source: Int32, at offset: Int, count: Int) -> Bool {
        var buffer = [UInt8](repeating: 0, count: min(count, 1 << 20))
        var done = 0
        while done < count {
            let read = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress!, min($0.count, count - done), off_t(offset + done)) }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { return false }
            let wrote = buffer.withUnsafeBytes { write($0[0..<read], at: offset + done) }
            guard wrote else { return false }
            done += read
        }
        return true
    }
}
