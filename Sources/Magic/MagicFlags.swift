internal import CMagic

/// Options that change what libmagic reports and which checks it runs.
///
/// Each flag names the C constant it stands for. A ``MagicCookie`` or
/// ``MagicPool`` takes its flags at creation; the MIME bits
/// (``mimeType``, ``mimeEncoding``) are chosen per call by the sniffing
/// methods, so they need not be set here.
public struct MagicFlags: OptionSet, Sendable, Hashable {
    /// The raw C flag bits.
    public var rawValue: Int32

    /// Creates flags from raw C flag bits.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// No flags. The corresponding C constant is `MAGIC_NONE`.
    public static let none: MagicFlags = []
    /// Print debugging messages to stderr. The corresponding C constant is `MAGIC_DEBUG`.
    public static let debug = MagicFlags(rawValue: MAGIC_DEBUG)
    /// Follow symbolic links. The corresponding C constant is `MAGIC_SYMLINK`.
    public static let symlink = MagicFlags(rawValue: MAGIC_SYMLINK)
    /// Look inside compressed files. The corresponding C constant is `MAGIC_COMPRESS`.
    public static let compress = MagicFlags(rawValue: MAGIC_COMPRESS)
    /// Look at the contents of block and character devices. The corresponding C constant is `MAGIC_DEVICES`.
    public static let devices = MagicFlags(rawValue: MAGIC_DEVICES)
    /// Report a MIME type (`image/png`). The corresponding C constant is `MAGIC_MIME_TYPE`.
    public static let mimeType = MagicFlags(rawValue: MAGIC_MIME_TYPE)
    /// Report every match, not just the first. The corresponding C constant is `MAGIC_CONTINUE`.
    public static let `continue` = MagicFlags(rawValue: MAGIC_CONTINUE)
    /// Check the database and print warnings to stderr. The corresponding C constant is `MAGIC_CHECK`.
    public static let check = MagicFlags(rawValue: MAGIC_CHECK)
    /// Restore a file's access time after reading it. The corresponding C constant is `MAGIC_PRESERVE_ATIME`.
    public static let preserveAccessTime = MagicFlags(rawValue: MAGIC_PRESERVE_ATIME)
    /// Do not escape unprintable characters in descriptions. The corresponding C constant is `MAGIC_RAW`.
    public static let raw = MagicFlags(rawValue: MAGIC_RAW)
    /// Treat operating-system errors (such as `ENOENT`) as errors, not as descriptions.
    /// The corresponding C constant is `MAGIC_ERROR`. The binding always sets it.
    public static let error = MagicFlags(rawValue: MAGIC_ERROR)
    /// Report the MIME encoding (`us-ascii`, `binary`). The corresponding C constant is `MAGIC_MIME_ENCODING`.
    public static let mimeEncoding = MagicFlags(rawValue: MAGIC_MIME_ENCODING)
    /// Report MIME type and encoding together. The corresponding C constant is `MAGIC_MIME`.
    public static let mime: MagicFlags = [.mimeType, .mimeEncoding]
    /// Report Apple creator and type codes. The corresponding C constant is `MAGIC_APPLE`.
    public static let apple = MagicFlags(rawValue: MAGIC_APPLE)
    /// Report a slash-separated list of file-name extensions. The corresponding C constant is `MAGIC_EXTENSION`.
    public static let `extension` = MagicFlags(rawValue: MAGIC_EXTENSION)
    /// Look inside compressed files but do not report the compression. The corresponding C constant is `MAGIC_COMPRESS_TRANSP`.
    public static let compressTransparent = MagicFlags(rawValue: MAGIC_COMPRESS_TRANSP)
    /// Never fork an external decompressor. The corresponding C constant is `MAGIC_NO_COMPRESS_FORK`.
    public static let noCompressFork = MagicFlags(rawValue: MAGIC_NO_COMPRESS_FORK)

    /// Skip the check for compressed files. The corresponding C constant is `MAGIC_NO_CHECK_COMPRESS`.
    public static let noCheckCompress = MagicFlags(rawValue: MAGIC_NO_CHECK_COMPRESS)
    /// Skip the check for tar archives. The corresponding C constant is `MAGIC_NO_CHECK_TAR`.
    public static let noCheckTar = MagicFlags(rawValue: MAGIC_NO_CHECK_TAR)
    /// Skip the magic database entries. The corresponding C constant is `MAGIC_NO_CHECK_SOFT`.
    public static let noCheckSoft = MagicFlags(rawValue: MAGIC_NO_CHECK_SOFT)
    /// Skip the application-type check (EMX). The corresponding C constant is `MAGIC_NO_CHECK_APPTYPE`.
    public static let noCheckAppType = MagicFlags(rawValue: MAGIC_NO_CHECK_APPTYPE)
    /// Skip ELF details. The corresponding C constant is `MAGIC_NO_CHECK_ELF`.
    public static let noCheckELF = MagicFlags(rawValue: MAGIC_NO_CHECK_ELF)
    /// Skip the text-file check. The corresponding C constant is `MAGIC_NO_CHECK_TEXT`.
    public static let noCheckText = MagicFlags(rawValue: MAGIC_NO_CHECK_TEXT)
    /// Skip the Compound Document Format check. The corresponding C constant is `MAGIC_NO_CHECK_CDF`.
    public static let noCheckCDF = MagicFlags(rawValue: MAGIC_NO_CHECK_CDF)
    /// Skip the CSV check. The corresponding C constant is `MAGIC_NO_CHECK_CSV`.
    public static let noCheckCSV = MagicFlags(rawValue: MAGIC_NO_CHECK_CSV)
    /// Skip the well-known-tokens check in text. The corresponding C constant is `MAGIC_NO_CHECK_TOKENS`.
    public static let noCheckTokens = MagicFlags(rawValue: MAGIC_NO_CHECK_TOKENS)
    /// Skip the text-encoding check. The corresponding C constant is `MAGIC_NO_CHECK_ENCODING`.
    public static let noCheckEncoding = MagicFlags(rawValue: MAGIC_NO_CHECK_ENCODING)
    /// Skip the JSON check. The corresponding C constant is `MAGIC_NO_CHECK_JSON`.
    public static let noCheckJSON = MagicFlags(rawValue: MAGIC_NO_CHECK_JSON)
    /// Skip every built-in check and consult only the database.
    /// The corresponding C constant is `MAGIC_NO_CHECK_BUILTIN`.
    public static let noCheckBuiltin: MagicFlags = [
        .noCheckCompress, .noCheckTar, .noCheckAppType, .noCheckELF, .noCheckText,
        .noCheckCSV, .noCheckCDF, .noCheckTokens, .noCheckEncoding, .noCheckJSON,
    ]

    /// The bits that choose a MIME answer instead of a description.
    static let mimeBits: MagicFlags = [.mimeType, .mimeEncoding, .apple, .extension]
}
