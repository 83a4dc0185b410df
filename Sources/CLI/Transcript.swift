import SieveReplay

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A command's output, collected before it is written so that the same bytes can be
/// remembered for the `sieve` front to replay (see `AnswerRecorder`).
struct Transcript {
  /// The writes, in order; consecutive writes to one stream are joined.
  private(set) var writes: [RememberedAnswer.Write] = []

  /// Adds a line of data for stdout, as ``Console/output(_:)`` writes it.
  mutating func output(_ line: String) {
    append(STDOUT_FILENO, line + "\n")
  }

  /// Adds a message for people for stderr, as ``Console/message(_:)`` writes it.
  mutating func message(_ text: String) {
    append(STDERR_FILENO, Console.messageLine(text))
  }

  /// Writes everything, in order.
  func play() {
    for write in writes { Console.write(to: write.descriptor, bytes: write.bytes) }
  }

  private mutating func append(_ descriptor: Int32, _ text: String) {
    if let last = writes.indices.last, writes[last].descriptor == descriptor {
      writes[last].bytes += text.utf8
    } else {
      writes.append(RememberedAnswer.Write(descriptor: descriptor, bytes: Array(text.utf8)))
    }
  }
}
