/// Everything a cookie needs at creation: flags, database and limits.
///
/// A ``MagicPool`` creates every cookie from one configuration, so all of them
/// answer alike.
public struct MagicConfiguration: Sendable, Hashable {
    /// libmagic options; the MIME bits are chosen per call.
    public var flags: MagicFlags
    /// Where the compiled database comes from.
    public var database: MagicDatabase
    /// Limits to set on every cookie, such as `[.bytesMax: 1 << 20]`.
    public var parameters: [MagicParameter: Int]

    /// Creates a configuration.
    public init(flags: MagicFlags = [], database: MagicDatabase = .systemDefault, parameters: [MagicParameter: Int] = [:]) {
        self.flags = flags
        self.database = database
        self.parameters = parameters
    }

    /// Opens a new cookie with this configuration.
    public func makeCookie() throws(MagicError) -> MagicCookie {
        try MagicCookie(flags: flags, database: database, parameters: parameters)
    }
}
