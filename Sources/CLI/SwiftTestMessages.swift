import Foundation
import SieveModel
import SieveSwiftPM

/// What `sieve run -- swift test` prints as each test ends.
enum SwiftTestMessages {
  /// Prints one line for the test on standard output, and, when it did not pass, what its
  /// process printed.
  static func announce(_ result: SwiftTestResult, outcome: Outcome) {
    let seconds = String(format: "%.2f", result.duration)
    let mark = outcome == .passed ? "passed" : "FAILED (exit code \(result.exitCode))"
    Console.output("\(result.test.identifier) \(mark) in \(seconds) s")
    if outcome != .passed, let log = try? String(contentsOfFile: result.logPath, encoding: .utf8) {
      Console.raw(log.hasSuffix("\n") ? log : log + "\n")
    }
  }
}
