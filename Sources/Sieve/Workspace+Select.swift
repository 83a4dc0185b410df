import Foundation
import SieveGit
import SieveModel
import SievePytest
import SieveReplay
import SieveSelect
import SieveStore
import SieveSwiftPM

extension Workspace {
  /// Returns the tests that the working tree's changes can affect.
  ///
  /// Costs one `git status` (two git calls when `HEAD` moved since the database was
  /// recorded), reads only the changed files, and starts no Python. Without a usable
  /// database every test is selected, with the reason.
  ///
  /// The data set is the one recorded in the current environment: the interpreter the
  /// command names (without a command, the one of the last run), its installed packages and
  /// the tracked environment variables, all checked without starting Python. When no kept
  /// data set matches, every test is selected with ``SelectionReason/environmentChanged(change:)``.
  ///
  /// - Parameters:
  ///   - all: Select every test regardless of changes.
  ///   - command: The pytest command line the tests will run with, or `nil` when there is
  ///     none (`sieve affected`): then the last run's interpreter is assumed, and tests the
  ///     user deselected are selected.
  ///   - gitStatus: The output of the same `git status` read just before (the `sieve`
  ///     front's), to use instead of running git; `nil` to run it.
  /// - Returns: The selection and the state a run needs to record its results.
  /// - Throws: A `GitError` when git cannot say what changed, a ``ConfigurationError`` when
  ///   the user's rules cannot be read.
  public func select(
    all: Bool = false, command: [String]? = nil, gitStatus: [UInt8]? = nil
  ) async throws -> SelectionResult {
    let status = try await repository.status(reusing: gitStatus)
    let swift = command.flatMap { SwiftTestCommand(words: $0) }
    let pytest = swift == nil ? command.map { PytestCommand(words: $0) } : nil
    var result = SelectionResult(
      selection: .everything(because: .requestedAll), status: status,
      candidates: [], previousPending: [], dataSet: databasePath, recordedFacts: [:],
      environment: [:], arguments: pytest?.selectionArguments)
    let configuration = try Configuration.load(repositoryRoot: repository.root)
    result.warmRule = configuration.warm
    let commandProbe: (any EnvironmentCheck)? =
      swift.map { SwiftEnvironment(command: $0, packageDirectory: packageDirectory(of: $0)) }
      ?? pytest.map { environmentProbe($0, configuration: configuration) }
    result.environment = commandProbe?.facts ?? [:]
    let (store, problem) = openStore(create: false)
    if let problem {
      result.selection = .everything(because: problem.reason)
      return result
    }
    guard let store else {
      result.selection = .everything(because: .noDatabase(path: displayDatabasePath))
      return result
    }
    var chosen = store
    defer { try? chosen.close() }
    do {
      let summary = try store.summary()
      let probe = commandProbe ?? recordedProbe(summary.facts, configuration: configuration)
      result.environment = probe.facts
      result.recordedFacts = summary.facts
      if let change = probe.change(from: summary.facts) {
        guard let kept = keptDataSet(matching: probe) else {
          result.selection = .everything(
            because: .environmentChanged(change: change), knownTestCount: summary.testCount)
          return result
        }
        try? store.close()
        chosen = kept.store
        result.dataSet = kept.path
        result.recordedFacts = try kept.store.summary().facts
      }
      try await select(into: &result, store: chosen, all: all, configuration: configuration)
      if result.dataSet == databasePath, let probe = probe as? EnvironmentProbe {
        result.answerInputs = answerInputs(of: result, probe: probe, command: pytest)
      }
    } catch let error as StoreError {
      result.selection = .everything(
        because: SelectionReasonCarrier(error: error, path: displayDatabasePath).reason)
    }
    return result
  }

  /// What a selection read, for remembering its answer (see ``AnswerInputs``).
  ///
  /// Only for a selection from the database itself, in the environment it was recorded in.
  /// The database and configuration files are the recorder's own to watch.
  private func answerInputs(
    of result: SelectionResult, probe: EnvironmentProbe, command: PytestCommand?
  ) -> AnswerInputs {
    let root = repository.root
    let lookup =
      command?.interpreterSources(
        relativeTo: FileManager.default.currentDirectoryPath,
        path: ProcessInfo.processInfo.environment["PATH"]) ?? []
    return AnswerInputs(
      repositoryRoot: root, gitStatus: result.status.porcelainOutput,
      files: probe.watchedFiles(recorded: result.recordedFacts) + lookup
        + result.candidates.map { root + "/" + $0.value }.sorted(),
      links: [.init(path: probe.interpreter, target: probe.interpreterTarget)])
  }

  /// What Sieve can tell of the environment a pytest command runs in, without Python.
  private func environmentProbe(_ command: PytestCommand, configuration: Configuration)
    -> EnvironmentProbe
  {
    EnvironmentProbe(
      interpreter: command.interpreter(
        relativeTo: FileManager.default.currentDirectoryPath),
      variableNames: configuration.trackedEnvironmentVariables,
      environment: ProcessInfo.processInfo.environment,
      directory: FileManager.default.currentDirectoryPath)
  }

  /// The environment check of the runner a data set was recorded with, for selections made
  /// without a command (`sieve affected`).
  private func recordedProbe(_ facts: [String: String], configuration: Configuration)
    -> any EnvironmentCheck
  {
    if facts["framework"] == SwiftEnvironment.framework {
      let words =
        [facts[SwiftEnvironment.commandFact] ?? "swift", "test"]
        + SwiftEnvironment.decode(facts["buildArguments"])
      if let command = SwiftTestCommand(words: words) {
        return SwiftEnvironment(command: command, packageDirectory: packageDirectory(of: command))
      }
    }
    return EnvironmentProbe(
      interpreter: facts["interpreter"] ?? "",
      variableNames: configuration.trackedEnvironmentVariables,
      environment: ProcessInfo.processInfo.environment,
      directory: FileManager.default.currentDirectoryPath)
  }

  /// The directory of the package a `swift test` command builds.
  func packageDirectory(of command: SwiftTestCommand) -> String {
    let current = FileManager.default.currentDirectoryPath
    guard let path = command.packagePath else { return current }
    return path.hasPrefix("/") ? path : current + "/" + path
  }

  /// The kept data set of another environment that matches the probed one, opened.
  private func keptDataSet(matching probe: any EnvironmentCheck) -> (store: Store, path: String)? {
    for path in DataSets(current: databasePath).others() {
      guard let store = try? Store.open(at: path, create: false) else { continue }
      if let facts = try? store.summary().facts,
        facts["interpreter"] != nil || facts["framework"] != nil,
        probe.change(from: facts) == nil
      {
        return (store: store, path: path)
      }
      try? store.close()
    }
    return nil
  }

  private func select(
    into result: inout SelectionResult, store: Store, all: Bool, configuration: Configuration
  ) async throws {
    let summary = try store.summary()
    result.previousPending = summary.pendingPaths
    result.recordedCommit = summary.commit
    if all {
      result.selection = .everything(because: .requestedAll, knownTestCount: summary.testCount)
      return
    }
    let status = result.status
    var changed = status.changed
    if let recorded = summary.commit, recorded != status.head?.value {
      guard let commit = CommitID(recorded) else {
        result.selection = .everything(
          because: .unknownCommit(commit: recorded), knownTestCount: summary.testCount)
        return
      }
      do {
        changed = try await repository.changedFiles(since: commit, status: status)
      } catch GitError.unknownCommit {
        result.selection = .everything(
          because: .unknownCommit(commit: recorded), knownTestCount: summary.testCount)
        return
      }
    }
    changed = changed.filter { !Self.isScratch($0) && !configuration.ignores($0) }
    if let path = changed.sorted().first(where: {
      configuration.runEverythingPattern(matching: $0) != nil
    }) {
      result.selection = .everything(
        because: .configurationChanged(path: path), knownTestCount: summary.testCount)
      result.selection.changedFiles = changed
      return
    }
    let candidates = changed.union(summary.pendingPaths)
    result.candidates = candidates

    let selector = Selector()
    let recorded = try store.recordedDependencies(in: candidates)
    let recordedPaths = Set(recorded.map(\.path))
    let swiftRule =
      result.recordedFacts["framework"] == SwiftEnvironment.framework
      ? SwiftSelectionRules(facts: result.recordedFacts).runEverythingReason(
        changed: changed, recordedPaths: recordedPaths) : nil
    if let reason = swiftRule
      ?? selector.runEverythingReason(changedFiles: changed, recordedPaths: recordedPaths)
    {
      result.selection = .everything(because: reason, knownTestCount: summary.testCount)
      result.selection.changedFiles = changed
      return
    }
    var tree = SourceTree(root: repository.root)
    let stale = tree.staleDependencies(recorded)
    var tests: [TestID: [SelectionReason]] = [:]
    for (test, dependencies) in try store.tests(dependingOn: Set(stale.keys)) {
      tests[test] = Array(Set(dependencies.compactMap { stale[$0] })).sorted {
        $0.summary < $1.summary
      }
    }
    for (test, outcome) in try store.testsNeedingRerun() {
      tests[test, default: []].append(.failedLastTime(outcome: outcome))
    }
    let neverRun = selector.neverRunTestsToRun(
      try store.testsNeverRun(), arguments: result.arguments, changedFiles: changed)
    for test in neverRun {
      tests[test, default: []].append(.neverRan)
    }
    var alwaysRun = try store.testsAlwaysRun()
    if !configuration.alwaysRun.isEmpty {
      alwaysRun.formUnion(try store.knownTests().keys.filter(configuration.alwaysRuns))
    }
    for test in alwaysRun {
      tests[test, default: []].append(.alwaysRuns)
    }
    let collect = changed.filter {
      selector.looksLikeTestFile($0) && !recordedPaths.contains($0) && tree.exists($0)
    }
    result.selection = Selection(
      runEverything: nil, tests: tests, changedFiles: changed, collectFiles: collect,
      knownTestCount: summary.testCount)
  }

  /// Whether a path is Sieve's or Python's own scratch (the database folder, bytecode caches),
  /// which no test depends on.
  static func isScratch(_ path: RepoPath) -> Bool {
    let value = path.value
    return value.hasPrefix(".sieve/") || value.hasPrefix("__pycache__/")
      || value.contains("/__pycache__/") || value.hasPrefix(".pytest_cache/")
      || value.contains("/.pytest_cache/")
  }
}
