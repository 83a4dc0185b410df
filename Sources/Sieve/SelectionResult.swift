import SieveGit
import SieveModel
import SieveSelect

/// What selection found, and what a run needs afterwards to record its results.
public struct SelectionResult: Sendable {
  /// The tests to run and why.
  public var selection: Selection
  /// The work tree's status when selection ran.
  public var status: WorkingTreeStatus
  /// Every path that was examined: changed since the database's commit, or pending.
  var candidates: Set<RepoPath>
  /// The pending paths the database held.
  var previousPending: Set<RepoPath>
  /// The commit the data set was recorded on.
  var recordedCommit: String? = nil
  /// The data set the selection was made against: the database path, or a kept data set of
  /// another environment that matches the current one.
  public var dataSet: String
  /// The facts recorded with that data set's last run.
  var recordedFacts: [String: String]
  /// What Sieve itself learned of the environment (interpreter, tracked variables), recorded
  /// with the run's results.
  var environment: [String: String]
  /// The user's pytest arguments as stored with deselected tests; `nil` without a command.
  var arguments: String?
  /// What the selection read, when its answer may be remembered; see ``AnswerRecorder``.
  var answerInputs: AnswerInputs? = nil
  /// The repository's `warm` rule (``Configuration/warm``), for the run that follows.
  var warmRule: Bool? = nil
}
