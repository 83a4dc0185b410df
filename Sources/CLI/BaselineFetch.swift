import ArgumentParser
import Foundation
import Sieve
import SieveBaselines

extension SieveCommand.Baseline {
  /// `sieve baseline fetch`: install the nearest ancestor's baseline as the database.
  struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fetch",
      abstract: "Install the nearest ancestor commit's baseline as the database.",
      discussion: """
        Walks HEAD's first-parent ancestors, then other ancestors, up to --depth commits, and \
        installs the nearest baseline published for this environment: the Python of the \
        command after -- (default: python3 -m pytest), or for `-- swift test [ARGS]` the \
        Swift toolchain, build arguments and Package.resolved. Downloads are \
        checked and kept in $XDG_CACHE_HOME/sieve (shared by every checkout). A local \
        database at least as near is kept. Exit code 0 also when none is found: the next \
        run then runs every test.
        """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var fetchOptions: FetchOptions

    @Flag(name: .long, help: "Replace the local database even when it is nearer.")
    var force = false

    @Argument(
      parsing: .postTerminator,
      help: ArgumentHelp(
        "The test command the baseline is for, after -- (pytest's, or swift test).",
        valueName: "command"))
    var command: [String] = []

    func run() async throws {
      try await ExitCodes.guarding {
        let workspace = try options.workspace()
        let environment = ProcessInfo.processInfo.environment
        let store = try storeOptions.store(for: workspace)
        let report = try await workspace.fetchBaseline(
          from: store, cache: .standard(environment: environment), depth: fetchOptions.depth,
          command: command, python: fetchOptions.python, force: force)
        Console.message(BaselineMessages.describe(report, store: store.displayName))
      }
    }
  }
}

/// The options `fetch` and `run --baseline auto` share.
struct FetchOptions: ParsableArguments {
  @Option(name: .long, help: "How many commits back to look for a baseline.")
  var depth = 50

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The interpreter pytest runs under, to pick the baseline of its environment (default: python3; for run, taken from the command).",
      valueName: "path"))
  var python: String?

  func validate() throws {
    guard depth > 0 else { throw ValidationError("--depth must be at least 1.") }
  }
}

/// One-line messages about baselines.
enum BaselineMessages {
  /// What a fetch found, in one line.
  static func describe(_ report: FetchReport, store: String) -> String {
    switch report.outcome {
    case .installed(let commit, let distance, let fromCache):
      let back =
        switch distance {
        case 0: "HEAD itself"
        case 1: "1 commit back"
        case let count?: "\(count) commits back"
        case nil: "on a merged branch"
        }
      let source = fromCache ? "from the local cache" : "from \(store)"
      return "using the baseline of \(commit.prefix(12)) (\(back)), \(source)"
    case .localIsNearest(let commit, let distance):
      let back = distance == 0 ? "HEAD itself" : "\(Console.plural(distance, "commit")) back"
      return
        "kept the local database: it was recorded on \(commit.prefix(12)) (\(back)), and no nearer baseline exists"
    case .notFound(let reason):
      return "no baseline found: \(reason); the next run runs every test"
    }
  }
}
