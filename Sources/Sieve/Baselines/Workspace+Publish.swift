import Foundation
import SieveBaselines
import SieveStore

/// What `sieve baseline publish` did.
public struct PublishReport: Sendable, Equatable {
  /// The manifest as published.
  public var manifest: BaselineManifest
  /// Where it was published.
  public var store: String
}

extension Workspace {
  /// Facts that describe the recording machine rather than the environment.
  ///
  /// Interpreter paths and timestamps, package directories: a baseline leaves them out, so
  /// that the machine that fetches it compares interpreter version and packages, not paths.
  static let machineFacts: Set<String> = [
    "interpreter", "interpreterTarget", "shimSelection", "executable", "executableStamp",
    "packagePaths", "rootdir", "invocationDir", SwiftEnvironment.commandFact,
    SwiftEnvironment.stampFact,
  ]

  /// Removes ``machineFacts`` from a database file.
  static func removeMachineFacts(from path: String) throws {
    guard let store = try Store.open(at: path, create: false) else { return }
    defer { try? store.close() }
    try store.removeFacts { !machineFacts.contains($0) }
  }

  /// Publishes the database as the checked-out commit's baseline.
  ///
  /// The database must have been recorded on `HEAD` with nothing pending (every file it
  /// records as the commit has it). It is compacted, gzip-compressed and written under
  /// `<commit>/<environment>/`: the archive, named by its checksum, first and the manifest
  /// last, so a reader never sees a manifest without its archive, and two jobs publishing
  /// the same commit at once each leave a consistent pair.
  ///
  /// - Parameters:
  ///   - store: Where to publish.
  ///   - sieveVersion: This Sieve's version, for the manifest.
  /// - Returns: The manifest.
  /// - Throws: A ``BaselineRefusal`` when the database would mislead, a `BaselineError` when
  ///   the store refuses, a `StoreError` or `GitError` when the inputs cannot be read.
  public func publishBaseline(to store: any BaselineStore, sieveVersion: String) async throws
    -> PublishReport
  {
    let head = try await repository.resolve("HEAD")
    guard let database = try Store.open(at: databasePath, create: false) else {
      throw BaselineRefusal.noDatabase(path: displayDatabasePath)
    }
    defer { try? database.close() }
    let summary = try database.summary()
    guard summary.commit == head.value else {
      throw BaselineRefusal.otherCommit(database: summary.commit, head: head.value)
    }
    guard summary.pendingPaths.isEmpty else {
      throw BaselineRefusal.dirtyTree(paths: summary.pendingPaths.map(\.value).sorted())
    }
    guard let facts = Self.environment(from: summary.facts) else {
      throw BaselineRefusal.noEnvironment(path: displayDatabasePath)
    }
    let compact = databasePath + ".publish-\(ProcessInfo.processInfo.processIdentifier)"
    defer { try? FileManager.default.removeItem(atPath: compact) }
    try database.compactCopy(to: compact)
    try Self.removeMachineFacts(from: compact)
    guard let bytes = FileManager.default.contents(atPath: compact) else {
      throw BaselineError.io(path: compact, reason: "the compacted copy vanished")
    }
    let archive = try BaselineArchive(compressing: Array(bytes))
    let manifest = BaselineManifest(
      commit: head.value, schema: Store.schema, sieveVersion: sieveVersion,
      environment: BaselineEnvironment(facts: facts), archive: archive,
      testCount: summary.testCount, publishedAt: Self.timestamp)
    try await store.write(BaselineLayout.archive(of: manifest), archive.bytes)
    try await store.write(
      BaselineLayout.manifest(commit: head.value, environment: manifest.environment.key),
      try manifest.encoded())
    return PublishReport(manifest: manifest, store: store.displayName)
  }
}
