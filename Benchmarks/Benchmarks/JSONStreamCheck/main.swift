// Streams a JSON file through StreamingJSONValidator in fixed chunks and reports the
// verdict and throughput; run it under `/usr/bin/time -v` to see peak resident memory.
//
//   JSONStreamCheck generate PATH MEBIBYTES   writes a valid JSON array of about that size
//   JSONStreamCheck validate PATH [CHUNK]     validates PATH in CHUNK-byte reads (1 MiB)

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrictJSON

func fail(_ message: String) -> Never {
    print(message)
    exit(2)
}

func generate(path: String, mebibytes: Int) {
    guard let file = fopen(path, "wb") else { fail("cannot create \(path)") }
    defer { fclose(file) }
    let target = mebibytes << 20
    var written = 0
    var index = 0
    var batch: [UInt8] = [0x5B]
    func flush() {
        batch.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        written += batch.count
        batch.removeAll(keepingCapacity: true)
    }
    while written + batch.count < target - 200 {
        if index > 0 { batch.append(0x2C) }
        let record = #"{"id":\#(index),"values":[0.\#(index % 997),-1.5e-3,\#(index * 7)],"text":"naïve café \u00e9 \"\#(index)\"","ok":true}"#
        batch.append(contentsOf: record.utf8)
        index += 1
        if batch.count >= 1 << 20 { flush() }
    }
    batch.append(0x5D)
    flush()
    print("wrote \(written) bytes, \(index) records, to \(path)")
}

func validate(path: String, chunkSize: Int) {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { fail("cannot open \(path)") }
    defer { close(descriptor) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var validator = StreamingJSONValidator(options: JSONOptions(maxSize: nil))
    let clock = ContinuousClock()
    let start = clock.now
    do {
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            guard count >= 0 else { fail("read failed") }
            if count == 0 { break }
            try validator.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        try validator.finish()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(validator.bytesConsumed) / 1e6
        print("valid JSON: \(validator.bytesConsumed) bytes in \(seconds) s, \(Int(megabytes / seconds)) MB/s, chunk \(chunkSize) bytes")
    } catch {
        print("invalid JSON: \(error)")
        exit(1)
    }
}

let arguments = CommandLine.arguments
switch (arguments.count, arguments.count > 1 ? arguments[1] : "") {
case (4, "generate"): generate(path: arguments[2], mebibytes: Int(arguments[3]) ?? 1_024)
case (3, "validate"): validate(path: arguments[2], chunkSize: 1 << 20)
case (4, "validate"): validate(path: arguments[2], chunkSize: Int(arguments[3]) ?? 1 << 20)
default: fail("usage: JSONStreamCheck generate PATH MEBIBYTES | JSONStreamCheck validate PATH [CHUNK]")
}
