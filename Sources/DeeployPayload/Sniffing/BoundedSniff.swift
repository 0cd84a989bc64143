/// A sniff of a file or stream that was read only up to a size limit, when it had one.
struct BoundedSniff {
    /// How much of the payload was read.
    enum Read {
        /// All of it.
        case whole
        /// The header of a file larger than the limit; the sniff's size is the file's.
        case headerOfLargerFile
        /// The bytes of a stream up to the chunk that passed the limit; the sniff's size is
        /// what was read, and the stream is longer by an unknown amount.
        case startOfLongerStream
    }

    var sniff: Sniff
    var read: Read
}
