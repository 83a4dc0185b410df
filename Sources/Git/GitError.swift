/// An error that stops Sieve from learning what changed in a repository.
///
/// Each case carries the directory, commit or command involved, and ``description`` says what
/// happened and what to do, in two sentences.
public enum GitError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The `git` executable is not on `PATH` or cannot be run.
  case gitNotFound(executable: String)
  /// The directory is not inside a git work tree.
  case notARepository(directory: String)
  /// The commit is not in the repository, for example after a shallow clone or a `git gc`.
  case unknownCommit(CommitID)
  /// The revision (a branch, tag or abbreviated name) does not name a commit.
  case unknownRevision(String)
  /// A git command failed.
  ///
  /// `exitStatus` is git's exit code, or a negative signal number when git was killed.
  case commandFailed(command: String, directory: String, exitStatus: Int32, standardError: String)
  /// A git command printed output that Sieve cannot read.
  case unreadableOutput(command: String, directory: String, output: String)
  /// The local exclude file could not be read or written.
  case excludeFileUnwritable(path: String, reason: String)

  /// What happened, then what to do about it.
  public var description: String {
    switch self {
    case .gitNotFound(let executable):
      return "Sieve could not run \"\(executable)\": it is not on PATH or is not executable. "
        + "Install git, or put it on PATH, and run sieve again."
    case .notARepository(let directory):
      return "\(directory) is not inside a git work tree. "
        + "Run sieve inside a git repository (git init)."
    case .unknownCommit(let commit):
      return "Commit \(commit.short) (\(commit.value)) is not in this repository. "
        + "Fetch more history (for example git fetch --unshallow), or record a new baseline."
    case .unknownRevision(let revision):
      return "\"\(revision)\" does not name a commit in this repository. "
        + "Check the spelling, or fetch the branch or tag first."
    case .commandFailed(let command, let directory, let exitStatus, let standardError):
      let status = exitStatus < 0 ? "was killed by signal \(-exitStatus)" : "exited \(exitStatus)"
      let detail = standardError.isEmpty ? "" : ": \(standardError)"
      return "\"\(command)\" in \(directory) \(status)\(detail). "
        + "Run the same command there to see what git needs, then run sieve again."
    case .unreadableOutput(let command, let directory, let output):
      return "Sieve could not read the output of \"\(command)\" in \(directory): \(output). "
        + "Check that git is version 2.11 or newer, and report this if it is."
    case .excludeFileUnwritable(let path, let reason):
      return "Sieve could not update \(path): \(reason). "
        + "Check that the file is writable, or add the pattern to it yourself."
    }
  }
}
