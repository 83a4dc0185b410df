/// How a test's last run ended.
public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
  /// The test passed.
  case passed
  /// The test's body failed.
  case failed
  /// The test's setup or teardown raised.
  case error
  /// The test was skipped.
  case skipped
  /// The test failed as expected.
  case xfailed
  /// The test passed although it was expected to fail.
  case xpassed

  /// Whether a run with this outcome must be repeated until it passes.
  ///
  /// Failures, errors and unexpected passes (which fail under `xfail(strict=True)`) count.
  public var needsRerun: Bool {
    switch self {
    case .failed, .error, .xpassed: true
    case .passed, .skipped, .xfailed: false
    }
  }
}
