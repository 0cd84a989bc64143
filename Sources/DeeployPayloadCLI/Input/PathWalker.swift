#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands command-line paths into inspection targets: folders (with `recursive`) into
/// their files in sorted, deterministic order, visiting each folder once so that symbolic
/// link loops end.
struct PathWalker {
    let recursive: Bool
    private var visited: Set<FileIdentity> = []

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
            var info = stat()
            // A path that cannot be examined is left for the sniffer, whose message is precise.
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                targets.append(.file(path))
                continue
            }
            guard recursive else {
                targets.append(.failure(path: path, message: "'\(path)' is a directory; use --recursive to inspect the files inside it."))
                continue
            }
            walk(path, info: info, into: &targets)
        }
        return targets
    }

    private mutating func walk(_ directory: String, info: stat, into targets: inout [InspectionTarget]) {
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard visited.insert(identity).inserted else { return }
        guard let stream = opendir(directory) else {
            targets.append(.failure(path: directory, message: "cannot read the directory '\(directory)': \(Self.message(errno))."))
            return
        }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(stream)
        // Byte order, as `LC_ALL=C ls` sorts: the same on every machine.
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names {
            let path = prefix + name
            var child = stat()
            if stat(path, &child) == 0, child.st_mode & S_IFMT == S_IFDIR {
                walk(path, info: child, into: &targets)
            } else {
                targets.append(.file(path))
            }
        }
    }

    private static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
