import Foundation
import SieveModel
import SieveRun
import SieveSelect
import SieveShards
import SieveStore
import SieveSwiftPM

extension Workspace {
  /// Selects the affected tests of a Swift package, runs each in its own process with
  /// coverage, and records which blocks each executed.
  ///
  /// With nothing affected and no test file changed, nothing is built. Otherwise the package
  /// is built with coverage instrumentation (always with the same flags, so the build stays
  /// incremental), its tests are listed, and the selected ones plus every test the database
  /// does not know run one by one. The exit code is 0 when all of them passed, 1 otherwise.
  ///
  /// - Parameters:
  ///   - words: The `swift test` command line.
  ///   - options: Whether to run everything, and how many test processes to run at once.
  ///   - onSelected: Called once selection is done, before anything is built.
  ///   - onTestEnd: Called as each test ends, with its result and outcome.
  /// - Returns: What happened.
  /// - Throws: A ``SwiftAdapterError`` when the package cannot be built, listed or its
  ///   coverage read; a `RunError` when `swift` cannot be started.
  public func runSwift(
    command words: [String], options: RunOptions,
    onSelected: (Selection) -> Void = { _ in },
    onTestEnd: (SwiftTestResult, Outcome) -> Void = { _, _ in }
  ) async throws -> RunReport {
    guard let command = SwiftTestCommand(words: words) else {
      throw SwiftAdapterError.packageUnreadable(reason: "not a swift test command")
    }
    let selected = try await select(all: options.all, command: words)
    let selection = selected.selection
    onSelected(selection)
    var report = RunReport(
      selection: selection, didRunTests: false, exitCode: 0, outcomes: [:],
      notRecordedBecause: nil, notes: [])
    let rules = SwiftSelectionRules(facts: selected.recordedFacts)
    let testFileChanged = selection.changedFiles.contains { rules.isInTestTarget($0) }
    if selection.isEmpty && !testFileChanged {
      if let path = options.junitXML { try JUnitReport.empty.write(to: path) }
      moveDatabaseToHead(selected)
      return report
    }

    let directory = packageDirectory(of: command)
    let build = SwiftBuild(command: command, directory: directory)
    try await build.build()
    let bundle = try SwiftTestBundle(binPath: try await build.binPath())
    let scratch = try makeSwiftScratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let listed = try await bundle.tests(scratch: scratch).filter { command.admits($0.identifier) }
    let existingStore = try? Store.open(at: selected.dataSet, create: false)
    let known = (try? existingStore?.knownTests()) ?? [:]
    let durations = (try? existingStore?.durations()) ?? [:]
    try? existingStore?.close()

    let affected = listed.filter { test in
      selection.runEverything != nil || selection.tests[TestID(test.identifier)] != nil
        || known[TestID(test.identifier)] == nil
    }.sorted()
    if affected.isEmpty {
      if let path = options.junitXML { try JUnitReport.empty.write(to: path) }
      report.notes.append("no listed test is affected (the affected ones were removed)")
      moveDatabaseToHead(selected)
      return report
    }
    let toRun = Self.shardPart(of: affected, shard: options.shard, durations: durations)
    if toRun.isEmpty {
      if let path = options.junitXML { try JUnitReport.empty.write(to: path) }
      report.notes.append("none of the selected tests fell to this shard")
      return report
    }
    report.didRunTests = true
    let package = try await SwiftPackageTargets.describe(swift: command.swift, directory: directory)
    var collector = SwiftCoverageCollector(
      tools: SwiftCoverageTools(toolchain: SwiftToolchain(swift: command.swift)),
      bundle: bundle, package: package, packageDirectory: directory,
      tree: SourceTree(root: repository.root))
    let runner = SwiftTestRunner(
      bundle: bundle, workingDirectory: directory, scratch: scratch, concurrency: options.workers)
    var tests: [RecordedRun.TestRun] = []
    var junit = SwiftJUnitSuite()
    try await runner.run(toRun) { result in
      let outcome: Outcome = result.exitCode == 0 ? .passed : .failed
      onTestEnd(result, outcome)
      junit.add(result, passed: outcome == .passed)
      report.outcomes[outcome, default: 0] += 1
      tests.append(try await collector.testRun(result, outcome: outcome, scratch: scratch))
      try? FileManager.default.removeItem(atPath: result.profileDirectory)
    }
    report.exitCode = report.outcomes[.failed, default: 0] > 0 ? 1 : 0
    if let path = options.junitXML { try junit.report.write(to: path) }

    let listedIDs = Set(listed.map { TestID($0.identifier) })
    let removed =
      command.filters.isEmpty && command.skips.isEmpty
      ? Set(known.keys).subtracting(listedIDs) : []
    var facts = SwiftEnvironment(command: command, packageDirectory: directory).facts
    facts[SwiftEnvironment.versionFact] = try await SwiftToolchain(swift: command.swift).version()
    facts.merge(collector.targetFacts(repositoryRoot: repository.root)) { _, new in new }
    let status = selected.status
    let pending = selected.previousPending.union(selected.candidates).union(status.changed)
      .filter { !Self.isScratch($0) }
    let run = RecordedRun(
      commit: status.head?.value, pendingPaths: pending, fileHashes: collector.fileHashes,
      sharedDependencies: collector.sharedDependencies, tests: tests, removedTests: removed,
      facts: facts, timestamp: Self.timestamp)
    do {
      guard
        let store = try await storeForRecording(facts: facts, selected: selected, report: &report)
      else { return report }
      defer { try? store.close() }
      var tree = collector.tree
      try store.record(run) { recorded in
        Self.stillPending(recorded, dirty: status.changed, tree: &tree)
      }
    } catch let error as StoreError {
      report.notRecordedBecause = error.description
    }
    return report
  }

  /// The tests of this machine's shard: every shard lists the same tests and plans them by
  /// the same recorded durations, so the parts never overlap and together hold every test.
  static func shardPart(of tests: [SwiftTest], shard: Shard?, durations: [TestID: Double])
    -> [SwiftTest]
  {
    guard let shard else { return tests }
    let plan = ShardPlanner(durations: durations).makePlan(
      for: Set(tests.map { TestID($0.identifier) }), count: shard.count)
    let mine = Set(plan.parts[shard.index].tests)
    return tests.filter { mine.contains(TestID($0.identifier)) }
  }

  private func makeSwiftScratchDirectory() throws -> String {
    let base = (databasePath as NSString).deletingLastPathComponent
    let path = base + "/tmp-swift-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
