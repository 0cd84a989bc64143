public import ArgumentParser
public import DeeployPayload

/// `--max-size`: a size read as ``DeeployPayload/ByteCount`` reads it (`1048576`, `512K`,
/// `10M`, `1G`; 1024-based), in `deeploy-payload` and `deeploy-send` alike. The type lives in
/// the library, so that deeploy-gateway reads its `--max-size` the same way.
extension ByteCount: ExpressibleByArgument {
    /// Reads `argument` as ``DeeployPayload/ByteCount/init(_:)`` does; nil makes ArgumentParser
    /// report the value as invalid.
    public init?(argument: String) {
        self.init(argument)
    }

    /// The size with the largest unit that divides it, as it would be typed: `1G`, `512K`, `1000`.
    public var defaultValueDescription: String { description }
}
