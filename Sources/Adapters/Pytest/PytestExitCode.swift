/// pytest's exit codes, and how those of several pytest processes add up to one.
public enum PytestExitCode {
  /// The run was interrupted, and Sieve records nothing of it.
  ///
  /// pytest exits with 2 after Ctrl-C, `pytest.exit`, or errors while collecting.
  public static let interrupted: Int32 = 2

  /// No tests were collected, or every collected test was deselected.
  public static let noTestsCollected: Int32 = 5

  /// The exit code of one run made of several pytest processes.
  ///
  /// A process that had no tests (5) does not count while another ran some. Otherwise the
  /// gravest code wins: killed by a signal (above 128), then interrupted (2), internal error
  /// (3), usage error (4), tests failed (1), and success (0) only when every process passed.
  ///
  /// - Parameter codes: Each process's exit code.
  /// - Returns: The run's exit code; 0 for no processes.
  public static func combined(_ codes: [Int32]) -> Int32 {
    let ran = codes.filter { $0 != noTestsCollected }
    guard !ran.isEmpty else { return codes.isEmpty ? 0 : noTestsCollected }
    let gravity: (Int32) -> Int = { code in
      switch code {
      case 0: 0
      case 1: 1
      case 4: 2
      case 3: 3
      case 2: 4
      default: 5 + Int(code)
      }
    }
    return ran.max { gravity($0) < gravity($1) } ?? 0
  }
}
