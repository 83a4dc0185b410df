#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the CLI writes: data on stdout, messages for people on stderr prefixed `sieve:`.
enum Console {
  /// Whether stderr is a terminal and colour is not turned off (`NO_COLOR`).
  static var isInteractive: Bool {
    isatty(STDERR_FILENO) != 0 && getenv("NO_COLOR") == nil
  }

  /// The message prefix: bold on a terminal, plain when piped.
  private static var prefix: String {
    isInteractive ? "\u{1B}[1msieve:\u{1B}[0m" : "sieve:"
  }

  /// Writes a line of data to stdout.
  static func output(_ line: String) {
    write(to: STDOUT_FILENO, line + "\n")
  }

  /// Writes text to stdout as it is, such as a test runner's output.
  static func raw(_ text: String) {
    write(to: STDOUT_FILENO, text)
  }

  /// Writes a message for people to stderr.
  static func message(_ text: String) {
    write(to: STDERR_FILENO, messageLine(text))
  }

  /// A message for people as ``message(_:)`` writes it: prefixed, with its newline.
  static func messageLine(_ text: String) -> String {
    "\(prefix) \(text)\n"
  }

  /// Writes an error message to stderr.
  static func error(_ text: String) {
    write(to: STDERR_FILENO, "\(prefix) error: \(text)\n")
  }

  private static func write(to descriptor: Int32, _ text: String) {
    write(to: descriptor, bytes: Array(text.utf8))
  }

  /// Writes bytes to a descriptor, retrying short writes; gives up when the reader is gone.
  static func write(to descriptor: Int32, bytes whole: [UInt8]) {
    var bytes = whole[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { buffer in
        #if canImport(Glibc)
          Glibc.write(descriptor, buffer.baseAddress, buffer.count)
        #else
          Darwin.write(descriptor, buffer.baseAddress, buffer.count)
        #endif
      }
      if written <= 0 { return }
      bytes = bytes.dropFirst(written)
    }
  }

  /// A count with thousands separators: `1,412`.
  static func count(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return result
  }

  /// A size for people: `812 B`, `14.2 KB`, `3.1 MB`.
  static func bytes(_ value: Int) -> String {
    if value < 1024 { return "\(value) B" }
    let kilobytes = Double(value) / 1024
    if kilobytes < 1024 { return "\((kilobytes * 10).rounded() / 10) KB" }
    return "\((kilobytes / 1024 * 10).rounded() / 10) MB"
  }

  /// `1 file`, `3 files`.
  static func plural(_ value: Int, _ noun: String) -> String {
    "\(count(value)) \(noun)\(value == 1 ? "" : "s")"
  }
}
