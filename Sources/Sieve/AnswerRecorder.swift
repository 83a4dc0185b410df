import SieveReplay

/// Remembers the answer of a read-only command, for the `sieve` front to replay while
/// nothing it depends on changes (docs/design.md, "Remembered answers").
///
/// Create it before the command reads anything, and call `remember` once the command has
/// written its answer: `sieve affected`'s, or `sieve run`'s when nothing was affected. The
/// answer is kept only when it can be trusted:
/// - the database, its journal, the configuration files and this program are the same
///   before and after the decision;
/// - every file the decision depended on was last changed at least ``settleMargin`` before
///   the decision began, so no change can hide within one tick of the file system's clock;
/// - every symbolic link still leads where the decision found it led.
public struct AnswerRecorder: Sendable {
  /// How long before the decision a file must have last changed for its times to be
  /// trusted: two seconds, the coarsest grain of common file systems (FAT; HFS+ has one
  /// second; ext4, XFS, APFS and tmpfs a clock tick or less).
  public static let settleMargin: Int64 = 2_000_000_000

  private let invocation: Invocation
  private let folder: AnswerFolder
  private let started: Int64
  private let fixedFiles: [String]
  private let before: [FileSignature?]

  /// Notes the moment and the files every decision depends on.
  ///
  /// Fails (`nil`) when the invocation cannot be read or the current directory is not in a
  /// repository; the command then runs without remembering.
  ///
  /// - Parameter workspace: The workspace the command runs in.
  public init?(workspace: Workspace) {
    guard let invocation = Invocation.current(),
      let root = RepositoryRoot.containing(invocation.directory),
      let executable = ExecutablePath.current()
    else { return nil }
    self.invocation = invocation
    folder = AnswerFolder(repositoryRoot: root)
    started = WallClock.now()
    let database = workspace.databasePath
    fixedFiles =
      [database, database + "-journal", database + "-wal", executable]
      + Configuration.fileNames.map { workspace.repository.root + "/" + $0 }
    before = fixedFiles.map(FileSignature.of)
  }

  /// Stores `sieve affected`'s answer when the selection allows it and nothing moved during
  /// the decision.
  ///
  /// - Parameters:
  ///   - result: The selection the answer was computed from.
  ///   - exitStatus: The command's exit status.
  ///   - writes: What the command wrote to standard output and standard error, in order.
  /// - Returns: Whether the answer was stored.
  @discardableResult
  public func remember(
    _ result: SelectionResult, exitStatus: Int32, writes: [RememberedAnswer.Write]
  ) -> Bool {
    remember(result.answerInputs, exitStatus: exitStatus, writes: writes)
  }

  /// Stores `sieve run`'s answer when nothing was affected, so pytest did not start and
  /// nothing was written, and nothing moved during the decision.
  ///
  /// - Parameters:
  ///   - report: How the run went.
  ///   - writes: What the command wrote to standard output and standard error, in order.
  /// - Returns: Whether the answer was stored.
  @discardableResult
  public func remember(_ report: RunReport, writes: [RememberedAnswer.Write]) -> Bool {
    guard !report.didRunTests, report.exitCode == 0, report.notes.isEmpty else { return false }
    return remember(report.answerInputs, exitStatus: 0, writes: writes)
  }

  private func remember(
    _ inputs: AnswerInputs?, exitStatus: Int32, writes: [RememberedAnswer.Write]
  ) -> Bool {
    guard let inputs, fixedFiles.map(FileSignature.of) == before else { return false }
    var files: [RememberedAnswer.WatchedFile] = []
    var seen = Set<String>()
    for path in fixedFiles + inputs.files where seen.insert(path).inserted {
      let signature = FileSignature.of(path)
      if let signature, !signature.isSettled(before: started, margin: Self.settleMargin) {
        return false
      }
      files.append(RememberedAnswer.WatchedFile(path: path, signature: signature))
    }
    guard inputs.links.allSatisfy({ ResolvedPath.of($0.path) == $0.target }) else {
      return false
    }
    let answer = RememberedAnswer(
      invocation: invocation, repositoryRoot: inputs.repositoryRoot,
      gitStatus: inputs.gitStatus, files: files, links: inputs.links,
      exitStatus: exitStatus, writes: writes)
    return folder.remember(answer)
  }
}
