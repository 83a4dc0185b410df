public import SieveModel
import SieveReplay

/// A git work tree, asked what changed through the `git` executable.
///
/// Every method spawns git with swift-subprocess in ``root`` (`git -C root …`), so answers do
/// not depend on the current directory. The common question, "is anything different from the
/// recorded commit?", costs one `git status` (see ``changedFiles(since:)``).
public struct Repository: Sendable {
  /// The absolute path of the top of the work tree, as `git rev-parse --show-toplevel` prints
  /// it (symbolic links resolved).
  public let root: String

  /// How git is run.
  let git: GitCommand

  /// Creates a repository whose work tree top is already known, without spawning git.
  ///
  /// Use ``discover(from:)`` unless `root` came from an earlier discovery: a subdirectory
  /// here would still work with git, but ``root`` would no longer be the top.
  ///
  /// - Parameter root: The absolute path of the top of the work tree.
  public init(root: String) {
    self.init(root: root, git: GitCommand())
  }

  /// Creates a repository that runs the given git.
  init(root: String, git: GitCommand) {
    self.root = root
    self.git = git
  }

  // MARK: - API

  /// Finds the repository that contains a directory.
  ///
  /// Runs `git rev-parse --show-toplevel` once.
  ///
  /// - Parameter directory: Any directory inside the work tree, absolute or relative to the
  ///   current directory.
  /// - Returns: The repository, with ``root`` set to the top of the work tree.
  /// - Throws: ``GitError/notARepository(directory:)`` when `directory` is not in a work tree
  ///   (or does not exist, or is inside a `.git` directory or a bare repository);
  ///   ``GitError/gitNotFound(executable:)`` when git cannot be run;
  ///   ``GitError/commandFailed(command:directory:exitStatus:standardError:)`` when git refuses
  ///   for another reason, such as a repository owned by another user (`safe.directory`).
  public static func discover(from directory: String) async throws -> Repository {
    try await discover(from: directory, git: GitCommand())
  }

  /// Finds the repository that contains a directory, running the given git.
  static func discover(from directory: String, git: GitCommand) async throws -> Repository {
    let output = try await git.run(["rev-parse", "--show-toplevel"], in: directory)
    guard output.succeeded, !output.text.isEmpty else {
      let outsideWorkTree = [
        "not a git repository", "cannot change to", "must be run in a work tree",
      ]
      if output.succeeded || outsideWorkTree.contains(where: output.standardError.contains) {
        throw GitError.notARepository(directory: directory)
      }
      // Other refusals, such as "detected dubious ownership", keep git's own message.
      throw output.failure
    }
    return Repository(root: output.text, git: git)
  }

  /// Reads the work tree's status relative to `HEAD` with one git spawn.
  ///
  /// Runs `git status --porcelain=v2 -z --branch --untracked-files=all --no-renames` with
  /// `GIT_OPTIONAL_LOCKS=0`, so it never takes the index lock. Renames are not paired, so a
  /// renamed file shows as its deleted old path and its added new path. Ignored files are
  /// left out.
  ///
  /// - Returns: The `HEAD` commit, the branch, and every changed path.
  /// - Throws: ``GitError/commandFailed(command:directory:exitStatus:standardError:)`` when
  ///   git fails, and ``GitError/unreadableOutput(command:directory:output:)`` when its output
  ///   cannot be parsed.
  public func status() async throws -> WorkingTreeStatus {
    try await status(reusing: nil)
  }

  /// Reads the work tree's status from output of the same `git status` read just before,
  /// such as the `sieve` front's (see `GitStatusHandoff`), or runs git when there is none.
  ///
  /// - Parameter earlier: What ``GitStatusCall`` printed, or `nil`.
  /// - Returns: The `HEAD` commit, the branch, and every changed path.
  /// - Throws: The errors of ``status()``. Output that cannot be parsed is not an error: git
  ///   runs instead.
  public func status(reusing earlier: [UInt8]?) async throws -> WorkingTreeStatus {
    if let earlier, let status = try? WorkingTreeStatus(porcelainV2: earlier) {
      return status
    }
    let output = try await git.run(GitStatusCall.arguments, in: root)
    guard output.succeeded else { throw output.failure }
    do {
      return try WorkingTreeStatus(porcelainV2: output.standardOutput)
    } catch let error as WorkingTreeStatus.PorcelainError {
      throw GitError.unreadableOutput(
        command: output.command, directory: root, output: error.record)
    }
  }

  /// Returns the files that differ between a commit and the work tree, plus untracked files.
  ///
  /// A file counts when its content in `commit` differs from the work tree or the index
  /// (including additions and deletions), when it is untracked and not ignored, or when it has
  /// a merge conflict. Both paths of a rename count.
  ///
  /// When `HEAD` is `commit` this is one `git status` (the common case: nothing committed
  /// since the recorded run). Otherwise it adds one
  /// `git diff --name-only -z --no-renames <commit> --`.
  ///
  /// - Parameter commit: The commit to compare with, typically the one a baseline recorded.
  /// - Returns: Repository-relative paths; empty when nothing differs.
  /// - Throws: ``GitError/unknownCommit(_:)`` when `commit` is not in the repository (a shallow
  ///   clone, or history rewritten and garbage-collected); other ``GitError``s when git fails.
  public func changedFiles(since commit: CommitID) async throws -> Set<RepoPath> {
    try await changedFiles(since: commit, status: status())
  }

  /// Returns the files that differ between a commit and the work tree, given the work tree's
  /// status already read with ``status()``; see ``changedFiles(since:)``.
  ///
  /// - Parameters:
  ///   - commit: The commit to compare with.
  ///   - status: The current status; when its `HEAD` is `commit`, git is not run at all.
  /// - Returns: Repository-relative paths; empty when nothing differs.
  /// - Throws: The errors of ``changedFiles(since:)``.
  public func changedFiles(since commit: CommitID, status: WorkingTreeStatus) async throws
    -> Set<RepoPath>
  {
    if status.head == commit {
      return status.changed
    }
    let output = try await git.run(
      ["diff", "--name-only", "-z", "--no-renames", commit.value, "--"], in: root)
    guard output.succeeded else {
      throw try await hasCommit(commit) ? output.failure : GitError.unknownCommit(commit)
    }
    var changed = status.untracked.union(status.conflicted)
    for path in output.standardOutput.split(separator: 0) {
      changed.insert(RepoPath(String(decoding: path, as: UTF8.self)))
    }
    return changed
  }

  /// Returns whether a commit is an ancestor of another (or the same commit).
  ///
  /// Runs `git merge-base --is-ancestor`.
  ///
  /// - Parameters:
  ///   - commit: The possible ancestor.
  ///   - other: The possible descendant.
  /// - Returns: `true` when `other`'s history contains `commit`, or they are equal.
  /// - Throws: ``GitError/unknownCommit(_:)`` when either commit is not in the repository.
  public func isAncestor(_ commit: CommitID, of other: CommitID) async throws -> Bool {
    let output = try await git.run(
      ["merge-base", "--is-ancestor", commit.value, other.value], in: root)
    switch output.exitStatus {
    case 0: return true
    case 1: return false
    default:
      for candidate in [commit, other] {
        if try await !hasCommit(candidate) { throw GitError.unknownCommit(candidate) }
      }
      throw output.failure
    }
  }

  /// Resolves a revision, such as `HEAD`, `main`, a tag or an abbreviated name, to a commit.
  ///
  /// Runs `git rev-parse --verify --end-of-options <revision>^{commit}`.
  ///
  /// - Parameter revision: Anything `git rev-parse` understands.
  /// - Returns: The commit's full id.
  /// - Throws: ``GitError/unknownRevision(_:)`` when `revision` names no commit.
  public func resolve(_ revision: String) async throws -> CommitID {
    let output = try await git.run(
      ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: root)
    guard output.succeeded else { throw GitError.unknownRevision(revision) }
    guard let commit = CommitID(output.text) else {
      throw GitError.unreadableOutput(command: output.command, directory: root, output: output.text)
    }
    return commit
  }

  /// Returns a commit and its first-parent ancestors, newest first.
  ///
  /// Runs `git rev-list --first-parent --max-count=<limit> <commit>`. Use it to find the
  /// nearest commit that has a baseline; in a shallow clone the list stops at the boundary.
  ///
  /// - Parameters:
  ///   - commit: The commit to start from; it is the first element.
  ///   - limit: The most commits to return.
  /// - Returns: Up to `limit` commits, starting with `commit`.
  /// - Throws: ``GitError/unknownCommit(_:)`` when `commit` is not in the repository.
  public func ancestors(of commit: CommitID, limit: Int) async throws -> [CommitID] {
    guard limit > 0 else { return [] }
    let output = try await git.run(
      ["rev-list", "--first-parent", "--max-count=\(limit)", commit.value, "--"], in: root)
    guard output.succeeded else {
      throw try await hasCommit(commit) ? output.failure : GitError.unknownCommit(commit)
    }
    return try output.text.split(whereSeparator: \.isNewline).map { line in
      guard let ancestor = CommitID(String(line)) else {
        throw GitError.unreadableOutput(
          command: output.command, directory: root, output: String(line))
      }
      return ancestor
    }
  }

  // MARK: - Helpers

  /// Whether the repository has the commit object (`git cat-file -e <commit>^{commit}`).
  ///
  /// Only called after another command failed, to tell a missing commit from other failures.
  func hasCommit(_ commit: CommitID) async throws -> Bool {
    let output = try await git.run(["cat-file", "-e", commit.value + "^{commit}"], in: root)
    return output.succeeded
  }
}
