public import DeeployPayload

/// The sniffers the targets share; each opens its libmagic cookies once per process.
public enum Sniffers {
    /// Text named by the sniffer's own rules: libmagic only for what is not text. Fast.
    public static let builtIn: Sniffer = make(SnifferConfiguration(poolSize: 1, textDetection: .builtIn))

    /// The default configuration: libmagic names text too. Slower per input.
    public static let libmagic: Sniffer = make(SnifferConfiguration(poolSize: 1))

    private static func make(_ configuration: SnifferConfiguration) -> Sniffer {
        do {
            return try Sniffer(configuration: configuration)
        } catch {
            preconditionFailure("libmagic must load for fuzzing: \(error)")
        }
    }
}
