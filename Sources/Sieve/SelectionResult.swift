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
}
