#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands command-line paths into inspection targets: folders (with `recursive`) into
/// their files in sorted, deterministic order, visiting each folder once so that symbolic
/// link loops end.
///
/// Paths are handled as bytes, so that a name that is not valid UTF-8 reaches `open()`
/// unchanged (see ``RawPath``).
struct PathWalker {
    let recursive: Bool
    private var visited: Set<FileIdentity> = []
    /// The FIFOs and sockets the walk met and left out, in display form: a FIFO's open waits
    /// for a writer that may never come, and a socket cannot be opened. Paths given on the
    /// command line are never skipped (a FIFO there is read as a stream).
    private(set) var skipped: [String] = []

    init(recursive: Bool) {
        self.recursive = recursive
    }

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// The targets for `paths`; no path (or `-`) means standard input.
    mutating func targets(for paths: [String]) -> [InspectionTarget] {
        if paths.isEmpty { return [.standardInput] }
        var targets: [InspectionTarget] = []
        for path in paths {
            if path == "-" {
                targets.append(.standardInput)
                continue
            }
            let bytes = RawPath.bytes(path)
            var info = stat()
            // A path that cannot be examined is left for the sniffer, whose message is precise.
            guard RawPath.withCString(bytes, { stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                targets.append(.file(display: path, bytes: bytes))
                continue
            }
            guard recursive else {
                targets.append(.failure(
                    path: path, message: "'\(path)' is a directory; use --recursive to inspect the files inside it.",
                    pathBytes: RawPath.argumentBytes(path)))
                continue
            }
            walk(bytes, display: path, info: info, into: &targets)
        }
        return targets
    }

    private mutating func walk(_ directory: [UInt8], display: String, info: stat, into targets: inout [InspectionTarget]) {
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard visited.insert(identity).inserted else { return }
        guard let stream = RawPath.withCString(directory, { opendir($0) }) else {
            let isUTF8 = String(validating: directory, as: UTF8.self) != nil
            targets.append(.failure(
                path: display, message: "cannot read the directory '\(display)': \(Self.message(errno)).",
                pathBytes: isUTF8 ? nil : directory))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        closedir(stream)
        // Byte order, as `LC_ALL=C ls` sorts: the same on every machine.
        names.sort { $0.lexicographicallyPrecedes($1) }
        let prefix = directory.last == UInt8(ascii: "/") ? directory : directory + [UInt8(ascii: "/")]
        for name in names {
            let path = prefix + name
            let shown = RawPath.display(path)
            var child = stat()
            if RawPath.withCString(path, { stat($0, &child) }) == 0, child.st_mode & S_IFMT == S_IFDIR {
                walk(path, display: shown, info: child, into: &targets)
            } else if StreamFile.isSkippedInWalk(path) {
                skipped.append(shown)
            } else {
                targets.append(.file(display: shown, bytes: path))
            }
        }
    }

    private static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
