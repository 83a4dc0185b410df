import Foundation
import SieveGit
import SieveModel
import SievePytest
import SieveRun
import SieveSelect
import SieveShards
import SieveStore

extension Workspace {
  /// Selects the affected tests, runs them through pytest, and records what they executed.
  ///
  /// With nothing affected, pytest is not started and the exit code is 0. Otherwise the exit
  /// code is pytest's. The database is written in one transaction, committed after pytest
  /// ends (often written while it exits, see ``recordWhileExiting(command:selected:known:)``);
  /// an interrupted run (pytest's exit code 2) records nothing.
  ///
  /// - Parameters:
  ///   - words: The pytest command line (`pytest -q tests`, `python -m pytest …`).
  ///   - all: Run and record every test.
  ///   - onSelected: Called once selection is done, before pytest starts (or not).
  /// - Returns: What happened.
  /// - Throws: A `GitError`, `RunError` or `AdapterError` when the run cannot happen at all.
  public func run(
    command words: [String], all: Bool = false, onSelected: (Selection) -> Void = { _ in }
  ) async throws -> RunReport {
    try await run(command: words, options: RunOptions(all: all), onSelected: onSelected)
  }

  /// Selects the affected tests, runs this machine's part of them through one or more pytest
  /// processes, and records what they executed.
  ///
  /// With a shard, only that part of the selected tests runs (see ``RunSplit``); with several
  /// workers, that many pytest processes run at once, each with `SIEVE_WORKER` set to its
  /// number (0…N−1) and its output kept apart, and their results are recorded together in
  /// one transaction. The exit code is that of the gravest process (see `PytestExitCode`).
  ///
  /// - Parameters:
  ///   - words: The pytest command line (`pytest -q tests`, `python -m pytest …`).
  ///   - options: Shard, workers, JUnit report, and whether to run everything.
  ///   - onSelected: Called once selection is done, before pytest starts (or not).
  ///   - onSplit: Called with the split before pytest starts, when there is something to run.
  ///   - onWorkerOutput: Called, in worker order, with each worker's output once all ended
  ///     (only with several workers; one pytest process writes to Sieve's own streams).
  /// - Returns: What happened.
  /// - Throws: A `GitError`, `RunError` or `AdapterError` when the run cannot happen at all.
  public func run(
    command words: [String], options: RunOptions,
    onSelected: (Selection) -> Void = { _ in },
    onSplit: (RunSplit) -> Void = { _ in },
    onWorkerOutput: (WorkerOutput) -> Void = { _ in }
  ) async throws -> RunReport {
    let selected = try await select(
      all: options.all, command: words, gitStatus: options.gitStatus)
    let selection = selected.selection
    onSelected(selection)
    var report = RunReport(
      selection: selection, didRunTests: false, exitCode: 0, outcomes: [:],
      notRecordedBecause: nil, notes: [])
    if selection.isEmpty {
      if let path = options.junitXML { try JUnitReport.empty.write(to: path) }
      // A run that writes a report is not only an answer; the recorder sees a moved database.
      if options.junitXML == nil { report.answerInputs = selected.answerInputs }
      moveDatabaseToHead(selected)
      return report
    }

    let command = PytestCommand(words: words)
    let scratch = try makeScratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    // The data set the selection was made against: this environment's.
    let existingStore = try? Store.open(at: selected.dataSet, create: false)
    let known = (try? existingStore?.knownTests()) ?? [:]
    let durations = (try? existingStore?.durations()) ?? [:]
    let facts = selected.recordedFacts
    try? existingStore?.close()
    let split = RunSplit(
      selection: selection, known: Set(known.keys), durations: durations, shard: options.shard,
      workers: options.workers)
    onSplit(split)

    let launch = try WorkerLaunch(
      command: command, selection: selection, split: split, known: known,
      recordedEnvironment: Self.environment(from: facts), junitXML: options.junitXML,
      root: repository.root, scratch: scratch)
    let hadDatabase = FileManager.default.fileExists(atPath: databasePath)
    let prefetch = ResultsPrefetch(
      resultsPaths: launch.workers.map(\.resultsPath), root: repository.root,
      record: recordWhileExiting(command: command, selected: selected, known: known))
    let launched: (exitCode: Int32, note: String?)
    do {
      launched = try await launch.run(
        junitXML: options.junitXML, warm: options.warm.applying(rule: selected.warmRule),
        onWorkerOutput: onWorkerOutput)
    } catch {
      _ = await prefetch.finish(commit: false)
      throw error
    }
    let prefetched = await prefetch.finish(
      commit: launched.exitCode != PytestExitCode.interrupted)
    var exitCode = launched.exitCode
    if let note = launched.note { report.notes.append(note) }
    report.didRunTests = true
    guard let results = try prefetched?.results ?? launch.results() else {
      report.exitCode = exitCode
      report.notRecordedBecause = AdapterError.noResults(exitCode: exitCode).description
      return report
    }
    if let message = results.error {
      report.exitCode = exitCode
      report.notRecordedBecause = message
      return report
    }
    for test in results.tests { report.outcomes[test.outcome, default: 0] += 1 }
    if let change = results.environmentChange {
      report.notes.append("ran every test: \(change) since the database was recorded")
    }
    if exitCode == PytestExitCode.noTestsCollected {
      if split.shard != nil {
        exitCode = 0
        report.notes.append("none of the selected tests fell to this shard")
      } else if selection.runEverything == nil {
        exitCode = 0
        report.notes.append("pytest collected none of the selected tests (they were removed)")
      }
    }
    report.exitCode = exitCode
    if exitCode == PytestExitCode.interrupted {
      report.notRecordedBecause = "the run was interrupted; the database was left as it was"
      return report
    }
    if prefetched?.recorded == true {
      if !hadDatabase { await excludeNewDatabase() }
      return report
    }
    do {
      try await record(
        results, tree: prefetched?.tree ?? SourceTree(root: repository.root), command: command,
        selected: selected, known: known, report: &report)
    } catch let error as StoreError {
      report.notRecordedBecause = error.description
    }
    return report
  }

  /// After a selection that found nothing affected, records that the database holds for
  /// `HEAD`, so that the next selection (and `sieve baseline publish`) starts from there.
  ///
  /// Only written when `HEAD` moved or a pending path became clean: every path changed since
  /// the recorded commit was examined and no recorded block differs, so the recorded hashes
  /// hold for `HEAD` except where the work tree is dirty; those paths stay pending.
  func moveDatabaseToHead(_ selected: SelectionResult) {
    guard selected.selection.runEverything == nil, let head = selected.status.head else { return }
    // The steady state (database at HEAD, nothing pending) needs no second look at the file.
    if selected.recordedCommit == head.value && selected.previousPending.isEmpty { return }
    guard let store = try? Store.open(at: selected.dataSet, create: false) else { return }
    defer { try? store.close() }
    let dirty = selected.previousPending.union(selected.candidates)
      .intersection(selected.status.changed).filter { !Self.isScratch($0) }
    // As when recording: a dirty path stays pending when some test recorded its blocks.
    guard let recorded = try? store.recordedDependencies(in: dirty) else { return }
    let pending = Set(recorded.map(\.path))
    guard let summary = try? store.summary(),
      summary.commit != head.value || summary.pendingPaths != pending
    else { return }
    try? store.move(to: head.value, pendingPaths: pending)
  }

  /// The environment the database was recorded in, as the plugin describes one (for a Swift
  /// data set: its portable facts), or `nil` when the facts do not say.
  static func environment(from facts: [String: String]) -> [String: String]? {
    if facts["framework"] == SwiftEnvironment.framework {
      return SwiftEnvironment.portable(facts)
    }
    guard let implementation = facts["implementation"], let python = facts["python"],
      let packages = facts["packages"]
    else { return nil }
    return ["python": "\(implementation) \(python)", "packages": packages]
  }

  private func makeScratchDirectory() throws -> String {
    let base = (databasePath as NSString).deletingLastPathComponent
    let path = base + "/tmp-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Maps the collector's results to blocks and writes them in one transaction.
  ///
  /// `tree` may hold files read already (``ResultsPrefetch``).
  private func record(
    _ results: PytestResults, tree: SourceTree, command: PytestCommand,
    selected: SelectionResult, known: [TestID: RepoPath], report: inout RunReport
  ) async throws {
    let facts = Self.facts(of: results, selected: selected)
    let store = try await storeForRecording(facts: facts, selected: selected, report: &report)
    guard let store else { return }
    defer { try? store.close() }
    try write(
      results, tree: tree, command: command, selected: selected, known: known, facts: facts,
      to: store)
  }

  /// Maps the results to the blocks of `tree` and writes the run to `store` in one
  /// transaction, narrowing its pending paths against the files as they are now.
  ///
  /// - Parameters:
  ///   - results: What the plugin recorded.
  ///   - tree: The work tree, with any files read already.
  ///   - command: The pytest command line.
  ///   - selected: The selection the run was made for.
  ///   - known: The tests the database knew before the run, with their files.
  ///   - facts: The facts to record with the run.
  ///   - store: The database to write to.
  ///   - verdict: When given, the transaction waits for it and commits only when it allows
  ///     and no file read for the run has changed since (see
  ///     ``recordWhileExiting(command:selected:known:)``).
  /// - Returns: Whether the run was committed.
  /// - Throws: ``StoreError/writeFailed(path:reason:)``; nothing of the run is written.
  @discardableResult
  func write(
    _ results: PytestResults, tree: SourceTree, command: PytestCommand,
    selected: SelectionResult, known: [TestID: RepoPath], facts: [String: String],
    to store: Store, verdict: CommitVerdict? = nil
  ) throws(StoreError) -> Bool {
    let mapped = recordedRun(
      results, tree: tree, command: command, selected: selected, known: known, facts: facts)
    var tree = mapped.tree
    let dirty = selected.status.changed
    return try store.record(
      mapped.run,
      keepPending: { recorded in Self.stillPending(recorded, dirty: dirty, tree: &tree) },
      commitIf: verdict.map { verdict in
        { verdict.wait() && tree.forgetChangedFiles().isEmpty }
      })
  }

  /// The facts a run is recorded with: the plugin's, over those of the selection.
  static func facts(of results: PytestResults, selected: SelectionResult) -> [String: String] {
    results.facts.merging(selected.environment) { plugin, _ in plugin }
  }

  /// What a run established, with the collector's results mapped to the blocks of `tree`.
  ///
  /// - Returns: The run, and the tree with every file the mapping read.
  private func recordedRun(
    _ results: PytestResults, tree: SourceTree, command: PytestCommand,
    selected: SelectionResult, known: [TestID: RepoPath], facts: [String: String]
  ) -> (run: RecordedRun, tree: SourceTree) {
    var mapper = CoverageMapper(tree: tree, imports: results.imports)
    var shared: [String: Set<Dependency>] = [:]
    var sharedSkeletons: [String: Set<RepoPath>] = [:]
    for (name, coverage) in results.contexts {
      (shared[name], sharedSkeletons[name]) = mapper.dependencies(of: coverage)
    }
    let tests = results.tests.map { test in
      let names = test.contexts.filter { shared[$0] != nil }
      let covered = names.reduce(into: Set<RepoPath>()) { $0.formUnion(sharedSkeletons[$1] ?? []) }
      return RecordedRun.TestRun(
        id: test.id, path: test.path, outcome: test.outcome, duration: test.duration,
        dependencies: mapper.dependencies(of: test.coverage, excludingSkeletonsOf: covered)
          .dependencies,
        sharedSetNames: names, alwaysRuns: test.alwaysRuns)
    }
    var removed = Set<TestID>()
    let collectedFiles = Set(results.collected.values)
    // One look per file and per command, not per test: at 12,000 tests, asking for each
    // test took a sixth of `sieve run`'s own time after a one-function edit.
    let missingFiles = Set(known.values).filter { !mapper.tree.exists($0) }
    let namesSingleTests = command.namesSingleTests
    for (id, path) in known {
      if missingFiles.contains(path) {
        removed.insert(id)
      } else if !namesSingleTests && collectedFiles.contains(path)
        && results.collected[id] == nil
      {
        removed.insert(id)
      }
    }
    let status = selected.status
    let pending = selected.previousPending.union(selected.candidates).union(status.changed)
      .filter { !Self.isScratch($0) }
    let ran = Set(results.tests.map(\.id))
    // Known tests that Sieve itself deselected keep their record as it is.
    let selection = selected.selection
    let deselectedBySieve =
      selection.runEverything == nil && results.environmentChange == nil
      ? Set(known.keys).subtracting(selection.tests.keys) : []
    let collectedOnly = results.collected.filter {
      !ran.contains($0.key) && !deselectedBySieve.contains($0.key)
    }
    var run = RecordedRun(
      commit: status.head?.value, pendingPaths: pending, fileHashes: mapper.fileHashes,
      sharedDependencies: shared, tests: tests, removedTests: removed,
      collectedOnly: collectedOnly, userDeselected: results.deselected,
      selectionArguments: command.selectionArguments, facts: facts,
      timestamp: Self.timestamp)
    for (id, path) in collectedOnly {
      // Session start and the module's import decide which tests it holds and what -k matches.
      run.neverRunSharedSetNames[id] = ["session", "import:\(path)"].filter { shared[$0] != nil }
    }
    return (run, mapper.tree)
  }

  /// Makes the data set of the environment `facts` describe the database file, keeping the
  /// one there under its own environment's name.
  private func switchDataSet(to facts: [String: String], selected: SelectionResult) throws {
    guard let current = try? Store.open(at: databasePath, create: false) else { return }
    let currentFacts = (try? current.summary().facts) ?? [:]
    try? current.close()
    if DataSets.isSameEnvironment(currentFacts, facts) { return }
    let dataSets = DataSets(current: databasePath)
    var candidates = dataSets.others()
    if selected.dataSet != databasePath {
      candidates.insert(selected.dataSet, at: 0)
    }
    let replacement = candidates.first { path in
      guard let store = try? Store.open(at: path, create: false) else { return false }
      defer { try? store.close() }
      let kept = (try? store.summary().facts) ?? [:]
      return kept["interpreter"] != nil && DataSets.isSameEnvironment(kept, facts)
    }
    try dataSets.makeCurrent(keeping: currentFacts, replacement: replacement)
  }

  /// The paths whose recorded blocks may still differ from the commit: those dirty now, and
  /// those with a recorded dependency that no longer holds.
  static func stillPending(
    _ recorded: Set<Dependency>, dirty: Set<RepoPath>, tree: inout SourceTree
  ) -> Set<RepoPath> {
    let recordedPaths = Set(recorded.map(\.path))
    let stale = tree.staleDependencies(recorded)
    return Set(stale.keys.map(\.path)).union(dirty.intersection(recordedPaths))
  }

  /// Keeps a database file just created under `.sieve/` out of `git status`.
  func excludeNewDatabase() async {
    if databasePath.hasPrefix(repository.root + "/.sieve/") {
      try? await repository.excludeLocally(".sieve/")
    }
  }

  /// Opens (or creates) the store for writing the run's environment; a damaged file is
  /// moved aside first.
  ///
  /// When the database file holds another environment's data, it is kept under that
  /// environment's name, and this environment's kept data set (if any) takes its place.
  func storeForRecording(
    facts: [String: String], selected: SelectionResult, report: inout RunReport
  ) async throws -> Store? {
    try switchDataSet(to: facts, selected: selected)
    let isNew = !FileManager.default.fileExists(atPath: databasePath)
    let (store, problem) = openStore(create: true)
    if let store {
      if isNew { await excludeNewDatabase() }
      return store
    }
    guard let problem else { return nil }
    if case .newerSchema = problem.error {
      report.notRecordedBecause = problem.error.description
      return nil
    }
    let aside = databasePath + ".unreadable"
    try? FileManager.default.removeItem(atPath: aside)
    try FileManager.default.moveItem(atPath: databasePath, toPath: aside)
    report.notes.append(
      "moved the unreadable database aside to \(displayDatabasePath).unreadable and built a new one"
    )
    return try Store.open(at: databasePath, create: true)
  }
}
