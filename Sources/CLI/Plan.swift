import ArgumentParser
import Sieve

extension SieveCommand {
  /// `sieve plan`: how the affected tests would split across shards, without running them.
  struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "Show how the affected tests split across N shards, without running them.",
      discussion: """
        Splits as sieve run --shard K/N does: by recorded durations, longest first onto the \
        least-loaded shard, tests with no recorded duration counted as the median. Tests the \
        database does not know are not planned: each shard runs those whose file's hash falls \
        to it (new test files are listed with their shard). Starts no Python.

        Example: sieve plan --shards 4 --json
        """)

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "How many shards.")
    var shards: Int

    @Flag(name: .long, help: "Plan every test regardless of changes.")
    var all = false

    @Flag(name: .long, help: "Print one JSON document.")
    var json = false

    func validate() throws {
      guard shards >= 1 else { throw ValidationError("--shards must be at least 1.") }
    }

    func run() async throws {
      try await ExitCodes.guarding {
        let report = try await options.workspace().plan(shards: shards, all: all)
        if json {
          Console.output(try report.json())
          return
        }
        if let everything = report.runEverything {
          Console.message("planning every known test: \(everything.message)")
        }
        if report.plannedTestCount == 0 {
          Console.message("no recorded test to plan: each shard runs the tests of its files")
        }
        for entry in report.shards {
          let files =
            entry.newTestFiles.isEmpty
            ? "" : " + new files: \(entry.newTestFiles.joined(separator: ", "))"
          Console.output(
            "shard \(entry.shard)/\(shards): \(Console.plural(entry.tests.count, "test")), expected \(SelectionMessages.seconds(entry.expectedDuration))\(files)"
          )
        }
        Console.output(
          "total: \(Console.plural(report.plannedTestCount, "test")), \(SelectionMessages.seconds(report.totalDuration)); longest shard \(SelectionMessages.seconds(report.longestShardDuration))"
        )
      }
    }
  }
}
