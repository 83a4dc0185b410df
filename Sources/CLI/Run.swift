import ArgumentParser
import Foundation
import Sieve
import SieveBaselines
import SieveModel
import SieveReplay
import SieveSelect
import SieveShards
import SieveSwiftPM

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
      commandName: "run",
      abstract: "Run the affected tests through pytest and record what they execute.",
      discussion: """
        Everything after -- is the pytest command line, passed through unchanged \
        (default: python3 -m pytest). With no database yet, every test runs and is recorded. \
        The exit code is pytest's, or 0 when nothing is affected.

        With `-- swift test [ARGS]`, Sieve builds the package's tests with coverage \
        (swift build --build-tests --enable-code-coverage ARGS), runs each selected test in \
        its own process and records what it executed; --filter and --skip choose among the \
        tests, -j N runs N test processes at once, --shard and --junitxml work as for \
        pytest. The exit code is 1 when a test failed.

        --shard K/N runs the K-th of N parts (K from 1) of the affected tests, balanced by \
        recorded durations; every shard computes the same split on its own. Without --shard, \
        Sieve reads CI_NODE_INDEX/CI_NODE_TOTAL (GitLab, from 1), BUILDKITE_PARALLEL_JOB/\
        BUILDKITE_PARALLEL_JOB_COUNT and CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL (from 0). \
        -j N runs N pytest processes at once on this machine (SIEVE_WORKER=0…N-1 in each) and \
        records their results together; without -j, one pytest process runs as usual.

        On a developer's machine, Sieve keeps a warm worker: a background Python process \
        with pytest and its installed plugins imported (never the project's modules), forked \
        for each run of the same `python -m pytest` command line, directory and environment. \
        A cold run starts it once pytest exits; later runs skip the interpreter's and the \
        plugins' start-up. A run it cannot serve (a changed file it loaded, another command \
        form, -j) runs cold; it exits after 15 idle minutes, and a repository keeps at most \
        two. In CI (CI, JENKINS_URL, TF_BUILD or TEAMCITY_VERSION set), with --no-warm, \
        SIEVE_WARM=0 or `warm = false` in the rules, every run is cold. --warm (or \
        SIEVE_WARM=1) asks for it anywhere and says why whenever a run cannot be warm.

        Example: sieve run --shard 2/4 --database shard.db --junitxml junit.xml -- pytest -q
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

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Run the K-th of N duration-balanced parts of the affected tests (K from 1).",
        valueName: "K/N"))
    var shard: String?

    @Option(
      name: [.customShort("j"), .customLong("workers")],
      help: ArgumentHelp(
        "Run N pytest processes at once on this machine ('auto': one per core).",
        valueName: "N"))
    var workers: String?

    @Option(
      name: .customLong("junitxml"),
      help: ArgumentHelp(
        "Write one JUnit XML report for the run, whatever the workers.",
        valueName: "path"))
    var junitXML: String?

    @Flag(
      name: .long, inversion: .prefixedNo,
      help: ArgumentHelp(
        "Run pytest in a warm worker that keeps pytest and its plugins imported between runs (python -m pytest, one process, Linux); the default outside CI. --no-warm runs cold."
      ))
    var warm: Bool?

    @Argument(
      parsing: .postTerminator,
      help: ArgumentHelp("The pytest command line, after --.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
      if let shard {
        do {
          _ = try Shard(parsing: shard)
        } catch {
          throw ValidationError(error.description)
        }
      }
      let count = try workerCount()
      if Self.writesJUnitXML(command) && (count > 1 || junitXML != nil) {
        throw ValidationError(
          "pytest's own --junitxml would be written by every worker, or twice. Pass --junitxml PATH to sieve run (before --) instead."
        )
      }
    }

    /// The number of workers -j asks for.
    private func workerCount() throws -> Int {
      guard let workers else { return 1 }
      if workers == "auto" { return max(1, ProcessInfo.processInfo.activeProcessorCount) }
      guard let count = Int(workers), count >= 1 else {
        throw ValidationError(
          "-j \(workers) is not a number of workers. Give a whole number of at least 1, or auto.")
      }
      return count
    }

    private static func writesJUnitXML(_ command: [String]) -> Bool {
      command.contains { word in
        ["--junitxml", "--junit-xml"].contains { word == $0 || word.hasPrefix($0 + "=") }
      }
    }

    /// The shard from --shard, else from a CI system's variables.
    private func resolvedShard() throws -> Shard? {
      if let shard { return try Shard(parsing: shard) }
      do {
        guard let found = try Shard.fromEnvironment(ProcessInfo.processInfo.environment) else {
          return nil
        }
        Console.message(
          "shard \(found.shard) from \(found.source.indexVariable)/\(found.source.countVariable)")
        return found.shard
      } catch {
        throw ValidationError(error.description)
      }
    }

    func run() async throws {
      var runOptions = RunOptions(
        all: all, shard: try resolvedShard(), workers: try workerCount(), junitXML: junitXML)
      do {
        runOptions.warm = try WarmMode(flag: warm, environment: ProcessInfo.processInfo.environment)
      } catch {
        throw ValidationError(error.description)
      }
      try await ExitCodes.guarding {
        let workspace = try options.workspace()
        runOptions.gitStatus = GitStatusHandoff.take(root: workspace.repository.root)
        // A fetched baseline depends on the store, which no remembered answer can watch.
        let recorder = baseline == .off ? AnswerRecorder(workspace: workspace) : nil
        if baseline == .auto { await fetchBaseline(into: workspace) }
        var transcript = Transcript()
        let report: RunReport
        if SwiftTestCommand(words: command) != nil {
          report = try await workspace.runSwift(
            command: command, options: runOptions,
            onSelected: { SelectionMessages.announce($0) },
            onTestEnd: { SwiftTestMessages.announce($0, outcome: $1) })
        } else {
          report = try await workspace.run(
            command: command, options: runOptions,
            onSelected: { transcript.message(SelectionMessages.summary(of: $0)) },
            onSplit: { SelectionMessages.announce($0) },
            onWorkerOutput: { output in
              Console.message(
                "output of worker \(output.worker) (SIEVE_WORKER=\(output.worker), pytest exit code \(output.exitCode)):"
              )
              Console.raw(output.text)
            })
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
        recorder?.remember(report, writes: transcript.writes)
      }
    }

    /// Installs the nearest baseline; any failure is one line, and the run goes on with the
    /// local database (or, without one, runs every test).
    private func fetchBaseline(into workspace: Workspace) async {
      let environment = ProcessInfo.processInfo.environment
      do {
        let store = try storeOptions.store(for: workspace)
        let report = try await workspace.fetchBaseline(
          from: store, cache: .standard(environment: environment), depth: fetchOptions.depth,
          command: command, python: fetchOptions.python)
        Console.message(BaselineMessages.describe(report, store: store.displayName))
      } catch {
        Console.message("baseline not used: \(error)")
      }
    }
  }
}
