import Foundation
import SieveModel
import SievePytest
import SieveStore

extension Workspace {
  /// The recording ``ResultsPrefetch`` does while pytest exits: the run that `sieve run`
  /// would write after pytest's exit, written into an open transaction that is committed
  /// once pytest's exit allows it.
  ///
  /// At 12,000 tests Python takes about three seconds to exit after the plugin wrote its
  /// results, and mapping and writing the run takes Sieve about one and a half; this moves
  /// that second part into the first (docs/benchmarks.md).
  ///
  /// It writes only where the recording after pytest's exit would do nothing else first:
  /// the database file holds this environment's data set, or there is no file yet (a file
  /// it creates is removed again when it does not commit). Results that report an error, a
  /// damaged file, or another environment's data are left to that recording. The write
  /// commits only when the verdict allows it and no file it read changed since it read it
  /// (see ``SourceTree/forgetChangedFiles()``); otherwise it rolls back, leaving the file as
  /// it was, and the recording after pytest's exit writes the run as before.
  ///
  /// - Returns: The work for ``ResultsPrefetch/init(resultsPaths:root:record:)``.
  func recordWhileExiting(
    command: PytestCommand, selected: SelectionResult, known: [TestID: RepoPath]
  ) -> ResultsPrefetch.Record {
    { results, tree, verdict in
      guard results.error == nil else { return false }
      let facts = Self.facts(of: results, selected: selected)
      let isNew = !FileManager.default.fileExists(atPath: databasePath)
      guard let store = try? Store.open(at: databasePath, create: true) else { return false }
      var committed = false
      defer {
        try? store.close()
        if isNew && !committed { removeNewDatabase() }
      }
      if !isNew {
        guard let current = try? store.summary().facts, DataSets.isSameEnvironment(current, facts)
        else { return false }
      }
      committed =
        (try? write(
          results, tree: tree, command: command, selected: selected, known: known,
          facts: facts, to: store, verdict: verdict)) ?? false
      return committed
    }
  }

  /// Removes a database file this run created and did not commit to, with its journal.
  private func removeNewDatabase() {
    for path in [databasePath, databasePath + "-journal"] {
      try? FileManager.default.removeItem(atPath: path)
    }
  }
}
