import ArgumentParser
import Sieve

extension SieveCommand {
  /// `sieve status`: the database, its commit, and what changed since.
  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show the test database, its commit, and the files changed since.")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Print one JSON document.")
    var json = false

    func run() async throws {
      try await ExitCodes.guarding {
        let report = try await options.workspace().status()
        if json {
          Console.output(try report.json())
          return
        }
        Console.output("database:  \(report.database)\(report.hasDatabase ? "" : " (none yet)")")
        Console.output("commit:    \(report.commit.map { String($0.prefix(12)) } ?? "-")")
        Console.output("head:      \(report.head.map { String($0.prefix(12)) } ?? "-")")
        Console.output("tests:     \(Console.count(report.testCount))")
        Console.output("last run:  \(report.lastRun ?? "-")")
        // What the environment check reads back (directories, stamps) is for --json.
        let forJSONOnly: Set = ["packagePaths", "executableStamp", "interpreterTarget"]
        for key in report.facts.keys.sorted() where !forJSONOnly.contains(key) {
          let label = (key + ":").padding(
            toLength: max(11, key.count + 2), withPad: " ", startingAt: 0)
          Console.output("\(label)\(report.facts[key] ?? "")")
        }
        Console.output("changed:   \(Console.plural(report.changedFiles.count, "file"))")
        for file in report.changedFiles { Console.output("  \(file)") }
        if !report.otherEnvironments.isEmpty {
          Console.output(
            "kept:      \(Console.plural(report.otherEnvironments.count, "other environment"))")
          for line in report.otherEnvironments { Console.output("  \(line)") }
        }
        if let everything = report.runEverything {
          Console.output("affected:  every test (\(everything.message))")
        } else {
          Console.output("affected:  \(Console.count(report.affectedCount))")
        }
      }
    }
  }
}
