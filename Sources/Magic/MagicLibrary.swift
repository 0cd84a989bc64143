internal import CMagic

/// Facts about the linked libmagic.
public enum MagicLibrary {
    /// The linked library's version number, such as `544` for 5.44.
    /// The corresponding C function is `magic_version()`.
    public static var versionNumber: Int { Int(magic_version()) }

    /// The linked library's version as text, such as `"5.44"`.
    public static var version: String {
        let number = versionNumber
        let minor = number % 100
        return "\(number / 100).\(minor < 10 ? "0" : "")\(minor)"
    }

    /// The colon-separated database path libmagic uses when none is given.
    /// The corresponding C function is `magic_getpath(NULL, 0)`.
    public static var defaultDatabasePath: String? {
        guard let path = magic_getpath(nil, 0) else { return nil }
        return String(cString: path)
    }
}
