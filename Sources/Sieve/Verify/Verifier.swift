import Foundation
import SieveModel
import SievePytest
import SieveSelect

/// Something `sieve verify` reports while it works, for the CLI to show.
public enum VerifyEvent: Sendable {
  /// The database was brought up to date with a normal run before any change.
  case recorded(RunReport)
  /// The unchanged suite ran: how many tests, and how many did not pass.
  case baseline(tests: Int, failing: Int)
  /// How many mutation sites there are, and how many were picked.
  case planned(sites: Int, chosen: Int)
  /// One mutant is done (1-based index).
  case mutant(index: Int, of: Int, VerifyReport.MutantResult)
}

extension Workspace {
  /// Audits selection on this repository: seeds small changes into its files, one at a time,
  /// and checks that every test a change makes fail is one Sieve would have selected.
  ///
  /// First it brings the database up to date with a normal ``run(command:all:onEvent:)``
  /// (which records every test when there is no database yet). Then it runs the whole suite
  /// once unchanged, and, for each mutant, changes one file, asks ``select(all:)`` what it
  /// would run, runs the whole suite again to learn what fails, and restores the file to its
  /// original bytes (checked). The suite runs for mutants record nothing: the collector only
  /// reports outcomes, bytecode is not written, and pytest's cache plugin is off. Ctrl-C
  /// restores the file and exits with 130.
  ///
  /// - Parameters:
  ///   - words: The pytest command line.
  ///   - count: How many mutants to try.
  ///   - seed: Picks the mutants; the same seed on the same tree picks the same ones.
  ///   - onEvent: Called as verification progresses.
  /// - Returns: The mutants and the tests selection missed.
  /// - Throws: ``VerifyError`` when a file cannot be restored or the suite gives no results;
  ///   the errors of ``run(command:all:onEvent:)``.
  public func verify(
    command words: [String], mutants count: Int, seed: UInt64,
    onEvent: (VerifyEvent) -> Void = { _ in }
  ) async throws -> VerifyReport {
    let prepared = try await run(command: words)
    if prepared.didRunTests, let reason = prepared.notRecordedBecause {
      throw VerifyError.notRecorded(reason)
    }
    onEvent(.recorded(prepared))
    let databaseBefore = FileManager.default.contents(atPath: databasePath)

    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("sieve-verify-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let suite = SuiteRunner(
      command: PytestCommand(words: words), root: repository.root, scratch: scratch)
    let treeGuard = TreeGuard()

    let started = Date()
    let baseline = try await suite.run(name: "baseline", timeout: nil, guard: treeGuard)
    guard let outcomes = baseline.outcomes else {
      throw VerifyError.noResults("exit code \(baseline.exitCode); \(baseline.logTail)")
    }
    let timeout = max(60, Date().timeIntervalSince(started) * 10 + 30)
    let failingBefore = Set(outcomes.filter { Self.isFailing($0.value) }.keys)
    onEvent(.baseline(tests: outcomes.count, failing: failingBefore.count))

    let (store, _) = openStore(create: false)
    let known = (try? store?.knownTests()) ?? [:]
    let tracked = try trackedFiles()
    let dataCandidates = Set(tracked.filter { !$0.isPython })
    let readData = Set(((try? store?.recordedDependencies(in: dataCandidates)) ?? []).map(\.path))
    try? store?.close()
    let tree = SourceTree(root: repository.root)
    func contents(_ paths: [RepoPath]) -> [(RepoPath, [UInt8])] {
      paths.compactMap { path in
        FileManager.default.contents(atPath: tree.absolutePath(path)).map { (path, [UInt8]($0)) }
      }
    }
    let sites = MutantPlanner.sites(
      pythonFiles: contents(tracked.filter(\.isPython)),
      dataFiles: contents(readData.sorted()))
    let chosen = MutantPlanner.choose(count, from: sites, seed: seed)
    onEvent(.planned(sites: sites.count, chosen: chosen.count))

    treeGuard.installInterruptHandler()
    defer { treeGuard.removeInterruptHandler() }
    var results: [VerifyReport.MutantResult] = []
    for (index, mutant) in chosen.enumerated() {
      let path = tree.absolutePath(mutant.path)
      guard let original = FileManager.default.contents(atPath: path) else { continue }
      let changed = Data(mutant.applied(to: [UInt8](original)))
      let selected: SelectionResult
      let run: SuiteRunner.Outcome
      do {
        try treeGuard.mutate(path: path, original: original, changed: changed)
        selected = try await select()
        run = try await suite.run(name: "mutant-\(index + 1)", timeout: timeout, guard: treeGuard)
      } catch {
        try treeGuard.restore()
        throw error
      }
      try treeGuard.restore()
      let result = Self.judge(
        mutant, run: run, selection: selected.selection, baseline: outcomes,
        failingBefore: failingBefore, known: known)
      results.append(result)
      onEvent(.mutant(index: index + 1, of: chosen.count, result))
    }
    return VerifyReport(
      seed: seed, candidateSites: sites.count, totalTests: outcomes.count,
      failingBeforeChanges: failingBefore.map(\.value).sorted(), mutants: results,
      databaseUnchanged: FileManager.default.contents(atPath: databasePath) == databaseBefore)
  }

  private static func isFailing(_ outcome: Outcome) -> Bool {
    outcome == .failed || outcome == .error
  }

  /// Which tests the mutant made fail, and which of those selection left out.
  ///
  /// Tests the database does not know count as selected: they would run as new.
  private static func judge(
    _ mutant: Mutant, run: SuiteRunner.Outcome, selection: Selection,
    baseline: [TestID: Outcome], failingBefore: Set<TestID>, known: [TestID: RepoPath]
  ) -> VerifyReport.MutantResult {
    var failing = Set<TestID>()
    if let outcomes = run.outcomes {
      failing = Set(outcomes.filter { isFailing($0.value) }.keys).subtracting(failingBefore)
      if run.exitCode == 2 || run.exitCode == 3 {
        // An error during collection stops pytest: the tests that did not run count as failing.
        failing.formUnion(Set(baseline.keys).subtracting(outcomes.keys).subtracting(failingBefore))
      }
    } else if !run.timedOut {
      failing = Set(baseline.keys).subtracting(failingBefore)
    }
    let allTests = Set(baseline.keys).union(run.outcomes?.keys ?? [:].keys)
    let missed: [TestID]
    let selectedCount: Int
    if selection.runEverything != nil {
      missed = []
      selectedCount = allTests.count
    } else {
      let selected = allTests.filter { known[$0] == nil || selection.tests[$0] != nil }
      selectedCount = selected.count
      missed = failing.filter { !selected.contains($0) }.sorted()
    }
    return VerifyReport.MutantResult(
      mutant: mutant, failingTests: failing.map(\.value).sorted(), selectedTests: selectedCount,
      runsEverythingBecause: selection.runEverything?.summary,
      missedTests: missed.map(\.value), exitCode: run.exitCode, timedOut: run.timedOut)
  }

  /// The files git tracks, as repository paths.
  private func trackedFiles() throws(VerifyError) -> [RepoPath] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ExecutableSearch.resolve("git"))
    process.arguments = ["-C", repository.root, "ls-files", "-z"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .cannotListFiles(String(describing: error))
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw .cannotListFiles("exit code \(process.terminationStatus)")
    }
    return data.split(separator: 0).map { RepoPath(String(decoding: $0, as: UTF8.self)) }
      .filter {
        FileManager.default.fileExists(atPath: SourceTree(root: repository.root).absolutePath($0))
      }
  }
}
