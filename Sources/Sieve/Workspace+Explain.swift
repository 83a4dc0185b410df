import SieveModel
import SieveSelect
import SieveStore

extension Workspace {
  /// Returns every test the database knows (empty without a readable database).
  public func knownTests() -> [TestID] {
    let (store, _) = openStore(create: false)
    defer { try? store?.close() }
    return ((try? store?.knownTests()) ?? [:]).keys.sorted()
  }

  /// Explains why one test is, or is not, affected.
  ///
  /// - Parameter id: The test's node id.
  /// - Returns: The reasons, with each changed block's current line range.
  /// - Throws: A `GitError` when git cannot say what changed.
  public func why(_ id: TestID) async throws -> WhyReport {
    let selected = try await select()
    let selection = selected.selection
    let store = try? Store.open(at: selected.dataSet, create: false)
    defer { try? store?.close() }
    let stored = try? store?.test(id)
    let dependencies = (try? store?.dependencies(of: id)) ?? []
    var tree = SourceTree(root: repository.root)
    let reasons = (selection.tests[id] ?? []).map { reason in
      var lines: String?
      if case .changedBlock(let path, let block) = reason,
        let found = tree.blocks(of: path)?.blocks.first(where: { $0.name == block })
      {
        lines = "\(found.bodyLines.lowerBound)-\(found.bodyLines.upperBound)"
      }
      return WhyReport.ChangedBlock(reason: ReasonReport(reason), lines: lines)
    }
    return WhyReport(
      test: id.value, isKnown: stored != nil,
      isSelected: selection.runEverything != nil || selection.tests[id] != nil || stored == nil,
      runEverything: selection.runEverything.map(ReasonReport.init), reasons: reasons,
      dependencyCount: dependencies.count, fileCount: Set(dependencies.map(\.path)).count)
  }

  /// Describes the database and what changed since it was recorded.
  ///
  /// The database is the data set of the current environment: the last run's interpreter
  /// with the installed packages and tracked variables as they are now. Data sets kept for
  /// other environments are listed.
  ///
  /// - Returns: The status.
  /// - Throws: A `GitError` when git cannot say what changed.
  public func status() async throws -> StatusReport {
    let selected = try await select()
    let store = try? Store.open(at: selected.dataSet, create: false)
    defer { try? store?.close() }
    let summary = try? store?.summary()
    let selection = selected.selection
    let kept = DataSets(current: databasePath).others().filter { $0 != selected.dataSet }
    return StatusReport(
      repository: repository.root, database: display(selected.dataSet),
      hasDatabase: summary != nil, commit: summary?.commit, head: selected.status.head?.value,
      testCount: summary?.testCount ?? 0, lastRun: summary?.lastRun,
      facts: summary?.facts ?? [:], changedFiles: selection.changedFiles.map(\.value).sorted(),
      affectedCount: selection.runEverything == nil
        ? selection.tests.count : (summary?.testCount ?? 0),
      runEverything: selection.runEverything.map(ReasonReport.init),
      otherEnvironments: kept.compactMap(describeEnvironment))
  }

  /// One line on a kept data set: its interpreter, Python and test count.
  private func describeEnvironment(at path: String) -> String? {
    guard let store = try? Store.open(at: path, create: false) else { return nil }
    defer { try? store.close() }
    guard let summary = try? store.summary() else { return nil }
    let facts = summary.facts
    let python = [facts["implementation"], facts["python"]].compactMap { $0 }.joined(separator: " ")
    let interpreter = facts["interpreter"].map { " at \($0)" } ?? ""
    return "\(display(path)): \(python)\(interpreter), \(summary.testCount) tests"
  }

  /// A path as people should read it: relative to the repository when inside it.
  private func display(_ path: String) -> String {
    let prefix = repository.root.hasSuffix("/") ? repository.root : repository.root + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}
