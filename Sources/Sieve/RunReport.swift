import SieveModel
import SieveSelect

/// How `sieve run` went.
public struct RunReport: Sendable {
  /// What was selected.
  public var selection: Selection
  /// Whether pytest was started at all.
  public var didRunTests: Bool
  /// The exit code to leave with: pytest's, or 0 when nothing was affected.
  public var exitCode: Int32
  /// How many tests ran, by outcome.
  public var outcomes: [Outcome: Int]
  /// Why the results were not recorded, if they were not.
  public var notRecordedBecause: String?
  /// Notes for people about what Sieve did (a moved-aside database, a mapped exit code).
  public var notes: [String]
  /// What the selection read, when nothing ran and nothing was written, so that the answer
  /// may be remembered; see ``AnswerRecorder``.
  var answerInputs: AnswerInputs? = nil
}
