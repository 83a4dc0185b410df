import ArgumentParser
import Sieve

extension SieveCommand.Baseline {
  /// `sieve baseline merge`: combine the databases of parallel jobs on one commit.
  struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Merge databases collected on one commit (CI shards) into one.",
      discussion: """
        A test recorded by several inputs keeps every dependency either recorded, the worse \
        outcome and the longer duration. Example: sieve baseline merge shard-*.db -o sieve.db
        """)

    @Argument(help: ArgumentHelp("The databases to merge.", valueName: "database"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The merged database.", valueName: "path"))
    var output: String

    func validate() throws {
      guard !inputs.isEmpty else { throw ValidationError("Name at least one database to merge.") }
    }

    func run() async throws {
      try await ExitCodes.guarding {
        let report = try BaselineMerge.merge(inputs, into: output)
        Console.message(
          "merged \(Console.plural(report.inputCount, "database")) (\(Console.plural(report.testCount, "test")), commit \(report.commit.map { String($0.prefix(12)) } ?? "-")) into \(output)"
        )
      }
    }
  }
}
