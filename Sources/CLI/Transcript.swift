import SieveReplay

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A command's output, written as it comes and kept, so that the same bytes can be
/// remembered for the `sieve` front to replay (see `AnswerRecorder`).
struct Transcript {
  /// The writes, in order; consecutive writes to one stream are joined.
  private(set) var writes: [RememberedAnswer.Write] = []

  /// Writes a line of data to stdout, as ``Console/output(_:)`` does, and keeps it.
  mutating func output(_ line: String) {
    append(STDOUT_FILENO, line + "\n")
  }

  /// Writes a message for people to stderr, as ``Console/message(_:)`` does, and keeps it.
  mutating func message(_ text: String) {
    append(STDERR_FILENO, Console.messageLine(text))
  }

  private mutating func append(_ descriptor: Int32, _ text: String) {
    Console.write(to: descriptor, bytes: Array(text.utf8))
    if let last = writes.indices.last, writes[last].descriptor == descriptor {
      writes[last].bytes += text.utf8
    } else {
      writes.append(RememberedAnswer.Write(descriptor: descriptor, bytes: Array(text.utf8)))
    }
  }
}
