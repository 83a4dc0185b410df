import Foundation
import SieveBaselines
import SieveGit
import SievePytest
import SieveStore
import SieveSwiftPM

extension Workspace {
  /// Finds the nearest ancestor's baseline for this environment and installs it as the
  /// database.
  ///
  /// Candidates are `HEAD` and its first-parent ancestors, then other ancestors (see
  /// `Repository.baselineCandidates(of:depth:)`). The local cache is consulted first; the
  /// store is asked only about commits nearer than the nearest cached baseline, so a cached
  /// baseline at `HEAD` costs no network at all. A local database recorded on a candidate
  /// in the same environment is kept unless a nearer baseline exists (or `force` is set).
  /// A downloaded archive is installed only after its size, checksum and schema check out.
  ///
  /// - Parameters:
  ///   - store: Where baselines are published.
  ///   - cache: The machine's baseline cache.
  ///   - depth: How many commits back to look.
  ///   - command: The test command the baseline is for: `swift test …` for a Swift package,
  ///     otherwise a pytest command line (empty for `python3 -m pytest`).
  ///   - python: The interpreter pytest runs under, to name the environment; by default the
  ///     command's.
  ///   - force: Replace the local database even when it is nearer.
  /// - Returns: What was found.
  /// - Throws: A `BaselineError` when the store fails or sends something unusable (nothing
  ///   is installed then), an `AdapterError` when the interpreter cannot be asked, a
  ///   `SwiftAdapterError` when the Swift toolchain cannot, a `GitError` when the history
  ///   cannot be read.
  public func fetchBaseline(
    from store: any BaselineStore, cache: BaselineCache, depth: Int, command: [String],
    python: String? = nil, force: Bool = false
  ) async throws -> FetchReport {
    let (environment, machineFacts) = try await baselineEnvironment(
      command: command, python: python)
    var report = FetchReport(
      outcome: .notFound(reason: ""), environment: environment, commitsExamined: 0)
    let head: CommitID
    do {
      head = try await repository.resolve("HEAD")
    } catch GitError.unknownRevision {
      report.outcome = .notFound(reason: "the repository has no commits yet")
      return report
    }
    let (candidates, firstParent) = try await repository.baselineCandidates(
      of: head, depth: depth)
    var limit = candidates.count
    if !force, let local = localDatabaseCommit(in: environment),
      let index = candidates.firstIndex(of: local)
    {
      if index == 0 {
        report.outcome = .localIsNearest(commit: local.value, distance: 0)
        return report
      }
      limit = index
    }
    let nearestCached = candidates.prefix(limit).firstIndex {
      cache.entry(commit: $0.value, environment: environment.key) != nil
    }
    let distance = { (index: Int) in index < firstParent ? index : nil }
    for (index, commit) in candidates.prefix(nearestCached ?? limit).enumerated() {
      report.commitsExamined += 1
      let key = BaselineLayout.manifest(commit: commit.value, environment: environment.key)
      guard let bytes = try await store.read(key) else { continue }
      let entry = try await download(
        manifest: bytes, key: key, commit: commit, from: store, cache: cache)
      try await install(entry.databasePath, machineFacts: machineFacts)
      report.outcome = .installed(commit: commit.value, distance: distance(index), fromCache: false)
      return report
    }
    if let index = nearestCached,
      let entry = cache.entry(commit: candidates[index].value, environment: environment.key)
    {
      report.commitsExamined += 1
      try await install(entry.databasePath, machineFacts: machineFacts)
      report.outcome = .installed(
        commit: candidates[index].value, distance: distance(index), fromCache: true)
      return report
    }
    if limit < candidates.count {
      report.outcome = .localIsNearest(commit: candidates[limit].value, distance: limit)
    } else if try await repository.isShallow() {
      report.outcome = .notFound(
        reason:
          "this is a shallow clone with \(candidates.count) commits of history and none has a baseline; fetch more history (git fetch --deepen=\(depth), or fetch-depth: 0 in CI)"
      )
    } else {
      report.outcome = .notFound(
        reason:
          "none of the \(candidates.count) nearest commits has a baseline for this environment (\(environment.summary))"
      )
    }
    return report
  }

  /// The environment a baseline must have been recorded in to serve `command`, and the facts
  /// of this machine to add to one once installed (a baseline leaves them out).
  private func baselineEnvironment(command: [String], python: String?) async throws -> (
    BaselineEnvironment, [String: String]
  ) {
    if let swift = SwiftTestCommand(words: command) {
      let probe = SwiftEnvironment(command: swift, packageDirectory: packageDirectory(of: swift))
      var facts = probe.facts
      facts[SwiftEnvironment.versionFact] = try await SwiftToolchain(swift: swift.swift).version()
      let portable = SwiftEnvironment.portable(facts) ?? [:]
      return (
        BaselineEnvironment(facts: portable), facts.filter { portable[$0.key] == nil }
      )
    }
    let interpreter = python ?? (command.isEmpty ? "python3" : Self.pythonInterpreter(of: command))
    let facts = try await PythonEnvironmentProbe.describe(
      python: interpreter, root: repository.root)
    return (
      BaselineEnvironment(facts: facts.filter { $0.key == "python" || $0.key == "packages" }),
      [:]
    )
  }

  /// The local database's commit, if it exists and was collected in `environment`.
  private func localDatabaseCommit(in environment: BaselineEnvironment) -> CommitID? {
    guard let store = try? Store.open(at: databasePath, create: false) else { return nil }
    defer { try? store.close() }
    guard let summary = try? store.summary(), let commit = summary.commit.flatMap(CommitID.init),
      Self.environment(from: summary.facts) == environment.facts
    else { return nil }
    return commit
  }

  /// Downloads, checks and caches the baseline a manifest describes.
  private func download(
    manifest bytes: [UInt8], key: String, commit: CommitID, from store: any BaselineStore,
    cache: BaselineCache
  ) async throws -> BaselineCache.Entry {
    let manifest = try BaselineManifest.decoded(bytes, from: key)
    guard manifest.commit == commit.value else {
      throw BaselineError.corrupt("\(key) describes commit \(manifest.commit.prefix(12))")
    }
    guard Store.knowsSchema(manifest.schema) else {
      throw BaselineError.corrupt(
        "the baseline of \(commit.value.prefix(12)) has schema '\(manifest.schema)', written by Sieve \(manifest.sieveVersion); upgrade Sieve to use it"
      )
    }
    let archiveKey = BaselineLayout.archive(of: manifest)
    guard let archive = try await store.read(archiveKey) else {
      throw BaselineError.corrupt("\(archiveKey), named by its manifest, is missing")
    }
    let database = try BaselineArchive.database(from: archive, checkedAgainst: manifest)
    return try cache.store(database: database, manifest: manifest)
  }

  /// Copies a checked database into place through a rename; a local database of another
  /// environment is kept as that environment's data set first.
  private func install(_ source: String, machineFacts: [String: String]) async throws {
    if let store = try? Store.open(at: databasePath, create: false) {
      let facts = (try? store.summary().facts) ?? [:]
      try? store.close()
      let baselineFacts =
        (try? Store.open(at: source, create: false)).flatMap { try? $0?.summary().facts } ?? [:]
      if Self.environment(from: facts) != Self.environment(from: baselineFacts) {
        try DataSets(current: databasePath).makeCurrent(keeping: facts, replacement: nil)
      }
    }
    let directory = (databasePath as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let temporary = databasePath + ".fetch-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: temporary)
    try FileManager.default.copyItem(atPath: source, toPath: temporary)
    guard rename(temporary, databasePath) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw BaselineError.io(path: databasePath, reason: "could not replace the database")
    }
    if databasePath.hasPrefix(repository.root + "/.sieve/") {
      try? await repository.excludeLocally(".sieve/")
    }
    if !machineFacts.isEmpty, let store = try Store.open(at: databasePath, create: false) {
      defer { try? store.close() }
      try store.setFacts(machineFacts)
    }
  }
}
