import ArgumentParser
import Foundation
import Sieve
import SieveBaselines

extension SieveCommand {
  /// `sieve baseline`: share databases per commit between CI and developers.
  struct Baseline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "baseline",
      abstract: "Publish, fetch, merge and prune per-commit baselines.",
      discussion: """
        CI on the main branch runs every test and publishes the database as the commit's \
        baseline; pull-request jobs and developers fetch the nearest ancestor's baseline and \
        run only what changed since. The store is a directory, a file:// URL or an http(s):// \
        URL (GET, PUT, HEAD), named by --store, SIEVE_STORE or store under [tool.sieve]. An \
        HTTP Authorization header is read from SIEVE_STORE_AUTHORIZATION.
        """,
      subcommands: [Publish.self, Fetch.self, Merge.self, Prune.self])
  }
}

/// The `--store` option the baseline commands share.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The baseline store: a directory, file:// or http(s):// URL (default: SIEVE_STORE, then store under [tool.sieve]).",
      valueName: "url"))
  var store: String?

  /// The store these options, `SIEVE_STORE` or `[tool.sieve]` name for a workspace.
  func store(for workspace: Workspace) throws -> any BaselineStore {
    try workspace.baselineStore(
      explicit: store, workingDirectory: FileManager.default.currentDirectoryPath,
      environment: ProcessInfo.processInfo.environment)
  }
}
