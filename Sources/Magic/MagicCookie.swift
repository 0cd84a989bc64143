internal import CMagic

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One libmagic handle (`magic_t`) with its database loaded.
///
/// A cookie is not thread-safe, so it is `~Copyable`: exactly one owner can
/// use it at a time, and it closes itself (`magic_close`) when that owner
/// drops it. Share work across threads with ``MagicPool`` instead.
///
/// ```swift
/// var cookie = try MagicCookie()
/// let report = try cookie.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
/// ```
public struct MagicCookie: ~Copyable, @unchecked Sendable {
    // Unique ownership makes moving a cookie between threads safe; it is
    // never touched by two threads at once because it cannot be copied.
    private let handle: OpaquePointer
    private var activeFlags: Int32
    private let pinnedDatabase: PinnedDatabaseBuffers?

    /// The flags given at creation, always including ``MagicFlags/error``.
    public let flags: MagicFlags

    /// Opens a cookie and loads its database.
    ///
    /// - Parameters:
    ///   - flags: libmagic options. The MIME bits are chosen per call and may be left out.
    ///   - database: where the compiled magic database comes from.
    ///   - parameters: limits to set, such as `[.bytesMax: 1 << 20]`.
    /// - Throws: ``MagicError/cannotCreateCookie(errno:)``,
    ///   ``MagicError/databaseUnavailable(path:message:errno:)`` or
    ///   ``MagicError/parameterRejected(_:value:message:errno:)``.
    public init(
        flags: MagicFlags = [],
        database: MagicDatabase = .systemDefault,
        parameters: [MagicParameter: Int] = [:]
    ) throws(MagicError) {
        let baseFlags = flags.union(.error).subtracting(MagicFlags.mimeBits)
        guard let handle = magic_open(baseFlags.rawValue) else {
            throw .cannotCreateCookie(errno: currentErrno)
        }
        var pinned: PinnedDatabaseBuffers?
        let status: Int32
        switch database {
        case .systemDefault:
            status = magic_load(handle, nil)
        case .path(let path):
            status = magic_load(handle, path)
        case .buffers(let buffers):
            let storage = PinnedDatabaseBuffers(buffers)
            pinned = storage
            var pointers = storage.pointers
            var sizes = storage.sizes
            status = pointers.withUnsafeMutableBufferPointer { pointerBuffer in
                sizes.withUnsafeMutableBufferPointer { sizeBuffer in
                    magic_load_buffers(handle, pointerBuffer.baseAddress, sizeBuffer.baseAddress, storage.sizes.count)
                }
            }
        }
        if status != 0 {
            let error = MagicError.databaseUnavailable(
                path: { if case .path(let path) = database { path } else if case .systemDefault = database { MagicLibrary.defaultDatabasePath } else { nil } }(),
                message: Self.errorText(handle),
                errno: magic_errno(handle)
            )
            magic_close(handle)
            throw error
        }
        for (parameter, value) in parameters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let error = Self.set(value, for: parameter, on: handle) {
                magic_close(handle)
                throw error
            }
        }
        self.handle = handle
        self.activeFlags = baseFlags.rawValue
        self.pinnedDatabase = pinned
        self.flags = baseFlags
    }

    deinit {
        magic_close(handle)
        _ = pinnedDatabase  // keeps the database buffers alive until the handle is closed
    }

    // MARK: Parameters

    /// Reads a libmagic limit. The corresponding C function is `magic_getparam`.
    public func value(of parameter: MagicParameter) throws(MagicError) -> Int {
        var value = 0
        guard magic_getparam(handle, parameter.rawValue, &value) == 0 else {
            throw .parameterRejected(parameter, value: nil, message: Self.errorText(handle), errno: magic_errno(handle))
        }
        return value
    }

    /// Sets a libmagic limit. The corresponding C function is `magic_setparam`.
    ///
    /// - Throws: ``MagicError/parameterRejected(_:value:message:errno:)`` for a
    ///   negative value or one libmagic refuses.
    public mutating func setValue(_ value: Int, for parameter: MagicParameter) throws(MagicError) {
        if let error = Self.set(value, for: parameter, on: handle) { throw error }
    }

    private static func set(_ value: Int, for parameter: MagicParameter, on handle: OpaquePointer) -> MagicError? {
        guard value >= 0 else {
            return .parameterRejected(parameter, value: value, message: "a limit cannot be negative", errno: EINVAL)
        }
        var raw = value
        guard magic_setparam(handle, parameter.rawValue, &raw) == 0 else {
            return .parameterRejected(parameter, value: value, message: errorText(handle), errno: magic_errno(handle))
        }
        return nil
    }

    // MARK: Sniffing bytes

    /// The MIME type of `bytes`, such as `image/png`, in one libmagic pass.
    ///
    /// This is the cheapest question to ask; with ``MagicFlags/continue`` it
    /// returns only the first match.
    public mutating func mimeType(of bytes: UnsafeRawBufferPointer) throws(MagicError) -> String {
        try select(flags: flags.union(.mimeType).rawValue)
        let answer = try checked(call(magic_buffer, bytes))
        return MagicReport.firstType(in: answer)
    }

    /// The MIME type of a collection of bytes (`[UInt8]`, `Data`, a slice).
    @inlinable
    public mutating func mimeType(of bytes: some Collection<UInt8>) throws(MagicError) -> String {
        try withContiguousBytes(bytes) { (buffer) throws(MagicError) in try mimeType(of: buffer) }
    }

    /// What libmagic says about `bytes`: MIME type, encoding and, on request, the description.
    ///
    /// - Parameters:
    ///   - bytes: the payload, or the part of it libmagic should see.
    ///   - detail: extra passes to make; ``MagicReport/Detail/description`` adds one.
    public mutating func sniff(
        _ bytes: UnsafeRawBufferPointer,
        detail: MagicReport.Detail = []
    ) throws(MagicError) -> MagicReport {
        let mime = MagicReport.parseMIME(try rawAnswer(for: bytes, flags: flags.union(.mime).rawValue))
        var matches: [String] = []
        if detail.contains(.description) {
            matches = MagicReport.splitMatches(Substring(try rawAnswer(for: bytes, flags: flags.rawValue)))
        }
        return MagicReport(
            mimeType: mime.types[0], encoding: mime.encoding, description: matches.first,
            mimeTypes: mime.types, matches: matches
        )
    }

    /// What libmagic says about a collection of bytes (`[UInt8]`, `Data`, a slice).
    @inlinable
    public mutating func sniff(
        _ bytes: some Collection<UInt8>,
        detail: MagicReport.Detail = []
    ) throws(MagicError) -> MagicReport {
        try withContiguousBytes(bytes) { (buffer) throws(MagicError) in try sniff(buffer, detail: detail) }
    }

    /// libmagic's answer for `bytes` under the cookie's own flags, exactly as
    /// libmagic wrote it, copied out of the cookie.
    ///
    /// The corresponding C function is `magic_buffer`.
    public mutating func answer(for bytes: UnsafeRawBufferPointer) throws(MagicError) -> String {
        try rawAnswer(for: bytes, flags: flags.rawValue)
    }

    // MARK: Sniffing files

    /// What libmagic says about the file at `path`.
    ///
    /// libmagic reads at most ``MagicParameter/bytesMax`` bytes of it.
    /// - Throws: ``MagicError/cannotOpen(path:errno:)`` for a missing or unreadable
    ///   file, ``MagicError/isDirectory(path:)`` for a directory.
    public mutating func sniff(path: String, detail: MagicReport.Detail = []) throws(MagicError) -> MagicReport {
        // The C path would end at the NUL and name another file.
        guard !path.utf8.contains(0) else { throw .cannotOpen(path: path, errno: EINVAL) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotOpen(path: path, errno: currentErrno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
        // Only to see that the file can be read. O_NONBLOCK: opening a named pipe would otherwise
        // wait for a writer, for ever if none comes (libmagic itself names a pipe by its inode).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: currentErrno) }
        close(descriptor)
        let mime = MagicReport.parseMIME(try fileAnswer(path: path, flags: flags.union(.mime).rawValue))
        var matches: [String] = []
        if detail.contains(.description) {
            matches = MagicReport.splitMatches(Substring(try fileAnswer(path: path, flags: flags.rawValue)))
        }
        return MagicReport(
            mimeType: mime.types[0], encoding: mime.encoding, description: matches.first,
            mimeTypes: mime.types, matches: matches
        )
    }

    /// What libmagic says about the open file `descriptor`, read from its current offset.
    ///
    /// The descriptor stays open and its offset is restored. The corresponding C
    /// function is `magic_descriptor`.
    /// - Parameters:
    ///   - descriptor: an open file.
    ///   - detail: extra passes to make; ``MagicReport/Detail/description`` adds one.
    ///   - skipping: checks to leave out of this call only, such as ``MagicFlags/noCheckJSON``,
    ///     added to the cookie's flags.
    public mutating func sniff(
        fileDescriptor descriptor: Int32, detail: MagicReport.Detail = [], skipping: MagicFlags = []
    ) throws(MagicError) -> MagicReport {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .cannotOpen(path: "file descriptor \(descriptor)", errno: currentErrno)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: "file descriptor \(descriptor)") }
        let base = flags.union(skipping.subtracting(MagicFlags.mimeBits))
        let mime = MagicReport.parseMIME(try descriptorAnswer(descriptor, flags: base.union(.mime).rawValue))
        var matches: [String] = []
        if detail.contains(.description) {
            matches = MagicReport.splitMatches(Substring(try descriptorAnswer(descriptor, flags: base.rawValue)))
        }
        return MagicReport(
            mimeType: mime.types[0], encoding: mime.encoding, description: matches.first,
            mimeTypes: mime.types, matches: matches
        )
    }

    // MARK: Calls into libmagic

    private mutating func select(flags wanted: Int32) throws(MagicError) {
        guard wanted != activeFlags else { return }
        guard magic_setflags(handle, wanted) == 0 else {
            throw .flagsRejected(MagicFlags(rawValue: wanted), message: Self.errorText(handle))
        }
        activeFlags = wanted
    }

    private mutating func rawAnswer(for bytes: UnsafeRawBufferPointer, flags wanted: Int32) throws(MagicError) -> String {
        try select(flags: wanted)
        return try copyResult(call(magic_buffer, bytes))
    }

    /// Calls `magic_buffer` with a valid pointer even for an empty buffer.
    private func call(
        _ function: (OpaquePointer?, UnsafeRawPointer?, Int) -> UnsafePointer<CChar>?,
        _ bytes: UnsafeRawBufferPointer
    ) -> UnsafePointer<CChar>? {
        if let base = bytes.baseAddress { return function(handle, base, bytes.count) }
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { function(handle, $0, 0) }
    }

    /// libmagic's answer, or its error.
    private func checked(_ result: UnsafePointer<CChar>?) throws(MagicError) -> UnsafePointer<CChar> {
        guard let result else {
            throw .analysisFailed(message: Self.errorText(handle), errno: magic_errno(handle))
        }
        return result
    }

    private mutating func fileAnswer(path: String, flags wanted: Int32) throws(MagicError) -> String {
        try select(flags: wanted)
        return try copyResult(magic_file(handle, path), path: path)
    }

    private mutating func descriptorAnswer(_ descriptor: Int32, flags wanted: Int32) throws(MagicError) -> String {
        try select(flags: wanted)
        return try copyResult(magic_descriptor(handle, descriptor), path: "file descriptor \(descriptor)")
    }

    /// Copies libmagic's answer out of the cookie before anything can overwrite it.
    private func copyResult(_ result: UnsafePointer<CChar>?, path: String? = nil) throws(MagicError) -> String {
        guard let result else {
            let code = magic_errno(handle)
            if let path, code != 0 { throw .cannotOpen(path: path, errno: code) }
            throw .analysisFailed(message: Self.errorText(handle), errno: code)
        }
        return String(cString: result)
    }

    private static func errorText(_ handle: OpaquePointer) -> String {
        guard let text = magic_error(handle) else { return "" }
        return String(cString: text)
    }
}

/// Runs `body` over the bytes of `collection`, copying only when they are not contiguous.
@inlinable
func withContiguousBytes<C: Collection<UInt8>, R>(
    _ collection: C,
    _ body: (UnsafeRawBufferPointer) throws(MagicError) -> R
) throws(MagicError) -> R {
    let direct: Result<R, MagicError>? = collection.withContiguousStorageIfAvailable { buffer in
        do throws(MagicError) { return .success(try body(UnsafeRawBufferPointer(buffer))) } catch { return .failure(error) }
    }
    if let direct { return try direct.get() }
    let copy = Array(collection)
    let copied: Result<R, MagicError> = copy.withUnsafeBytes { buffer in
        do throws(MagicError) { return .success(try body(buffer)) } catch { return .failure(error) }
    }
    return try copied.get()
}
