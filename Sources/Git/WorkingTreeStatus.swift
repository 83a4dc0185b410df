public import SieveModel

/// The state of a work tree relative to its `HEAD` commit, from one `git status`.
///
/// Paths are relative to the repository root, whatever directory Sieve runs in.
public struct WorkingTreeStatus: Hashable, Sendable {
  /// The commit `HEAD` points to, or `nil` on an unborn branch (a repository with no commits).
  public let head: CommitID?
  /// The checked-out branch, such as `main`, or `nil` when `HEAD` is detached.
  public let branch: String?
  /// Every path that differs from `HEAD` in the index or the work tree.
  ///
  /// That is modified, staged, added, deleted, untracked (not ignored) and conflicted files,
  /// and both the old and the new path of a rename or copy. A changed submodule appears as
  /// its own path.
  public let changed: Set<RepoPath>
  /// The untracked, non-ignored files; a subset of ``changed``.
  public let untracked: Set<RepoPath>
  /// The files with unresolved merge conflicts; a subset of ``changed``.
  public let conflicted: Set<RepoPath>
  /// What `git status` printed, byte for byte; empty for a status not read from git.
  ///
  /// A remembered answer keeps it to compare with a later `git status`.
  public internal(set) var porcelainOutput: [UInt8] = []

  /// Creates a status.
  ///
  /// - Parameters:
  ///   - head: The commit `HEAD` points to, or `nil` on an unborn branch.
  ///   - branch: The checked-out branch, or `nil` when `HEAD` is detached.
  ///   - changed: Every path that differs from `HEAD`.
  ///   - untracked: The untracked files; they are added to `changed` too.
  ///   - conflicted: The conflicted files; they are added to `changed` too.
  public init(
    head: CommitID?,
    branch: String?,
    changed: Set<RepoPath>,
    untracked: Set<RepoPath> = [],
    conflicted: Set<RepoPath> = []
  ) {
    self.head = head
    self.branch = branch
    self.changed = changed.union(untracked).union(conflicted)
    self.untracked = untracked
    self.conflicted = conflicted
  }

  /// Whether nothing differs from `HEAD`: no staged, modified, deleted, conflicted or
  /// untracked file.
  public var isClean: Bool { changed.isEmpty }
}
