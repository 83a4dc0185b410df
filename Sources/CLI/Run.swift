import ArgumentParser
import Foundation
import Sieve
import SieveBaselines
import SieveModel
import SieveSelect

/// Whether `sieve run` fetches a baseline first.
enum BaselineMode: String, ExpressibleByArgument, CaseIterable {
  /// Fetch the nearest ancestor's baseline when it is nearer than the local database.
  case auto
  /// Use the local database only.
  case off
}

extension SieveCommand {
  /// `sieve run`: select, run the affected tests through pytest, record their coverage.
  struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the affected tests through pytest and record what they execute.",
      discussion: """
        Everything after -- is the pytest command line, passed through unchanged \
        (default: python3 -m pytest). With no database yet, every test runs and is recorded. \
        The exit code is pytest's, or 0 when nothing is affected.

        Example: sieve run -- pytest -q tests/
        """)

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Run and record every test.")
    var all = false

    @Option(
      name: .long,
      help: ArgumentHelp(
        "auto: first install the nearest ancestor's published baseline, if it is nearer than the local database (see sieve baseline fetch).",
        valueName: "mode"))
    var baseline: BaselineMode = .off

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var fetchOptions: FetchOptions

    @Argument(
      parsing: .postTerminator,
      help: ArgumentHelp("The pytest command line, after --.", valueName: "command"))
    var command: [String] = []

    func run() async throws {
      try await ExitCodes.guarding {
        let workspace = try options.workspace()
        if baseline == .auto { await fetchBaseline(into: workspace) }
        let report = try await workspace.run(command: command, all: all) { selection in
          SelectionMessages.announce(selection)
        }
        for note in report.notes { Console.message(note) }
        if report.didRunTests {
          if let reason = report.notRecordedBecause {
            Console.message("results not recorded: \(reason)")
          } else {
            let total = report.outcomes.values.reduce(0, +)
            let parts = Outcome.allCases.compactMap { outcome in
              report.outcomes[outcome].map { "\($0) \(outcome.rawValue)" }
            }
            let detail = parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
            Console.message(
              "recorded \(Console.plural(total, "test"))\(detail) in \(workspace.displayDatabasePath)"
            )
          }
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
      }
    }

    /// Installs the nearest baseline; any failure is one line, and the run goes on with the
    /// local database (or, without one, runs every test).
    private func fetchBaseline(into workspace: Workspace) async {
      let environment = ProcessInfo.processInfo.environment
      do {
        let store = try workspace.baselineStore(
          explicit: storeOptions.store, workingDirectory: FileManager.default.currentDirectoryPath,
          environment: environment)
        let report = try await workspace.fetchBaseline(
          from: store, cache: .standard(environment: environment), depth: fetchOptions.depth,
          python: fetchOptions.python ?? Workspace.pythonInterpreter(of: command))
        Console.message(BaselineMessages.describe(report, store: store.displayName))
      } catch {
        Console.message("baseline not used: \(error)")
      }
    }
  }
}
