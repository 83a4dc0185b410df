import SieveModel

/// The safety rules: from recorded dependencies and the files as they are now, which tests
/// must run.
///
/// `Selector` works on values only; it reads no files and no database.
public struct Selector: Sendable {
  /// Creates a selector.
  public init() {}

  /// Returns the recorded dependencies that no longer hold, each with the reason.
  ///
  /// A dependency holds when the file still has a block of that name with that hash.
  ///
  /// - Parameters:
  ///   - recorded: Dependencies that tests recorded on changed files.
  ///   - current: The changed files as they are now, split into blocks; `nil` for a
  ///     deleted file. A path missing from the dictionary is taken as unchanged.
  /// - Returns: The dependencies that no longer hold.
  public func staleDependencies(
    _ recorded: Set<Dependency>, current: [RepoPath: BlockedFile?]
  ) -> [Dependency: SelectionReason] {
    var hashesByFile: [RepoPath: [String: BlockHash]] = [:]
    var stale: [Dependency: SelectionReason] = [:]
    for dependency in recorded {
      guard let entry = current[dependency.path] else { continue }
      guard let file = entry else {
        stale[dependency] = .removedFile(path: dependency.path)
        continue
      }
      let hashes =
        hashesByFile[file.path]
        ?? Dictionary(
          file.blocks.map { ($0.name, $0.hash) }, uniquingKeysWith: { first, _ in first })
      hashesByFile[file.path] = hashes
      switch hashes[dependency.blockName] {
      case .none:
        stale[dependency] = .removedBlock(path: dependency.path, block: dependency.blockName)
      case .some(let hash) where hash != dependency.hash:
        stale[dependency] = .changedBlock(path: dependency.path, block: dependency.blockName)
      case .some:
        break
      }
    }
    return stale
  }

  /// Returns the reason to run everything when a changed file configures the whole run.
  ///
  /// A pytest configuration file (`pytest.ini`, `pyproject.toml`, `setup.cfg`, `tox.ini`)
  /// or a SwiftPM manifest (`Package.swift`, `Package.resolved`) always counts. A `conftest.py`, `__init__.py` or `sitecustomize.py` counts when no
  /// recorded test depends on it, since its blocks cannot then say which tests it affects.
  ///
  /// - Parameters:
  ///   - changedFiles: Files that differ from what the database recorded.
  ///   - recordedPaths: Changed files that some test depends on.
  /// - Returns: The reason, or `nil` when no such file changed.
  public func runEverythingReason(
    changedFiles: Set<RepoPath>, recordedPaths: Set<RepoPath>
  ) -> SelectionReason? {
    for path in changedFiles.sorted() {
      let name = path.fileName
      let configuration = [
        "pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", ".sieve.toml", "Package.swift",
        "Package.resolved",
      ]
      if configuration.contains(name) {
        return .configurationChanged(path: path)
      }
      let packageWide = ["conftest.py", "__init__.py", "sitecustomize.py", "usercustomize.py"]
      if packageWide.contains(name) && !recordedPaths.contains(path) {
        return .configurationChanged(path: path)
      }
    }
    return nil
  }

  /// Returns the never-run tests that must run now.
  ///
  /// A test that was collected but not reached (a session stopped by `-x`, say) always runs.
  /// A test the user's arguments deselected runs when the arguments now differ from those
  /// that deselected it, when they are unknown (`sieve affected` has no command line), when
  /// its own file changed, or when a `conftest.py` changed (which can add markers and
  /// keywords that `-m` and `-k` match).
  ///
  /// - Parameters:
  ///   - tests: The never-run tests, with what deselected them.
  ///   - arguments: The user's pytest arguments now, as stored; `nil` when unknown.
  ///   - changedFiles: Files that differ from what the database recorded.
  /// - Returns: The tests to select, each with ``SelectionReason/neverRan``.
  public func neverRunTestsToRun(
    _ tests: [TestID: NeverRunTest], arguments: String?, changedFiles: Set<RepoPath>
  ) -> Set<TestID> {
    let conftestChanged = changedFiles.contains { $0.fileName == "conftest.py" }
    var result = Set<TestID>()
    for (id, test) in tests {
      guard let deselectedBy = test.deselectedBy, let arguments, deselectedBy == arguments,
        !conftestChanged, !changedFiles.contains(test.path)
      else {
        result.insert(id)
        continue
      }
    }
    return result
  }

  /// Whether pytest would take a file for a test module by its default name patterns
  /// (`test_*.py`, `*_test.py`).
  ///
  /// - Parameter path: A file path.
  /// - Returns: Whether the name looks like a test module.
  public func looksLikeTestFile(_ path: RepoPath) -> Bool {
    let name = path.fileName
    return name.hasSuffix(".py") && (name.hasPrefix("test_") || name.hasSuffix("_test.py"))
  }
}
