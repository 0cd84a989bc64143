// Prints the verdict on one file, for measuring memory with /usr/bin/time -v:
//   swift run -c release VerdictFileCheck FILE [DECLARED-TYPE]
// With --repeat N, reads the file into memory and times N in-memory verdicts
// (for profilers such as perf or callgrind); --built-in-text uses the sniffer's own text rules;
// --callers C shares the N verdicts among C concurrent callers of one sniffer:
//   swift run -c release VerdictFileCheck [--built-in-text] --repeat 100000 [--callers 2] FILE [DECLARED-TYPE]
import DeeployPayload
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
var textDetection = TextDetection.libmagic
if arguments.first == "--built-in-text" {
    textDetection = .builtIn
    arguments.removeFirst()
}
var repeats = 0
if arguments.first == "--repeat", arguments.count >= 2, let count = Int(arguments[1]) {
    repeats = count
    arguments.removeFirst(2)
}
var callers = 1
if arguments.first == "--callers", arguments.count >= 2, let count = Int(arguments[1]), count > 0 {
    callers = count
    arguments.removeFirst(2)
}
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: VerdictFileCheck [--built-in-text] [--repeat N] [--callers C] FILE [DECLARED-TYPE]\n".utf8))
    exit(2)
}
let declared = arguments.count > 1 ? arguments[1] : nil
let sniffer = try Sniffer(configuration: SnifferConfiguration(textDetection: textDetection))
let start = Date()
if repeats > 0 {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let acceptedPerCaller = UnsafeMutableBufferPointer<Int>.allocate(capacity: callers)
    defer { acceptedPerCaller.deallocate() }
    let counts = UncheckedBox(acceptedPerCaller)
    let perCaller = repeats / callers
    DispatchQueue.concurrentPerform(iterations: callers) { caller in
        var accepted = 0
        for _ in 0..<perCaller where (try? sniffer.verdict(bytes, declared: declared).isAccepted) == true {
            accepted += 1
        }
        counts.value[caller] = accepted
    }
    let accepted = acceptedPerCaller.reduce(0, +)
    let seconds = Date().timeIntervalSince(start)
    print(String(format: "%d verdicts (%d accepted), %.0f ns each", repeats, accepted, seconds / Double(repeats) * 1e9))
} else {
    let verdict = try sniffer.verdict(.file(path: path), declared: declared)
    let seconds = Date().timeIntervalSince(start)
    print("\(verdict.sniff.mediaType) \(verdict.sniff.size) bytes via \(verdict.sniff.evidence): \(verdict)")
    print(String(format: "%.2f s, %.0f MB/s", seconds, Double(verdict.sniff.size) / seconds / 1e6))
}

/// Lets each concurrent caller write its own slot of one buffer.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
