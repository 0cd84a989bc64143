/// Where a cookie's magic database comes from.
public enum MagicDatabase: Sendable, Hashable {
    /// The system default (see ``MagicLibrary/defaultDatabasePath``).
    case systemDefault
    /// A compiled database file, or a colon-separated list of them.
    case path(String)
    /// Compiled databases held in memory, loaded with `magic_load_buffers`.
    ///
    /// libmagic reads the buffers in place; the binding copies each one into
    /// storage that lives as long as every cookie that uses it.
    case buffers([[UInt8]])
}

/// Compiled database buffers pinned in memory for as long as any cookie uses them.
///
/// libmagic keeps pointers into these buffers after `magic_load_buffers`
/// returns, so they must outlive the cookie. Cookies hold a strong reference.
final class PinnedDatabaseBuffers: @unchecked Sendable {
    // Written once in init, then only read (by libmagic); never mutated.
    let pointers: [UnsafeMutableRawPointer?]
    let sizes: [Int]

    init(_ buffers: [[UInt8]]) {
        var pointers: [UnsafeMutableRawPointer?] = []
        var sizes: [Int] = []
        for buffer in buffers {
            let storage = UnsafeMutableRawPointer.allocate(byteCount: max(buffer.count, 1), alignment: 16)
            buffer.withUnsafeBytes { source in
                if let base = source.baseAddress { storage.copyMemory(from: base, byteCount: source.count) }
            }
            pointers.append(storage)
            sizes.append(buffer.count)
        }
        self.pointers = pointers
        self.sizes = sizes
    }

    deinit {
        for pointer in pointers { pointer?.deallocate() }
    }
}
