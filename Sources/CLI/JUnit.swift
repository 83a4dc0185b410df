import ArgumentParser
import Sieve

extension SieveCommand {
  /// `sieve junit`: JUnit XML reports.
  struct JUnit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "junit",
      abstract: "Work with JUnit XML reports.",
      subcommands: [Merge.self])
  }
}

extension SieveCommand.JUnit {
  /// `sieve junit merge`: combine the reports of several shards into one.
  struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Combine JUnit XML reports (one per CI shard) into one.",
      discussion: """
        Keeps every <testsuite> as written, under one <testsuites> whose counts are the sums.

        Example: sieve junit merge junit-*.xml -o junit.xml
        """)

    @Option(
      name: [.customShort("o"), .long], help: ArgumentHelp("The merged report.", valueName: "path"))
    var output: String

    @Argument(help: ArgumentHelp("The reports to merge.", valueName: "report"))
    var inputs: [String]

    func validate() throws {
      guard !inputs.isEmpty else { throw ValidationError("Name at least one report to merge.") }
    }

    func run() async throws {
      try await ExitCodes.guarding {
        let totals = try JUnitFiles.merge(inputs, into: output)
        Console.message(
          "merged \(Console.plural(inputs.count, "report")) into \(output): \(Console.plural(totals.tests, "test")), \(totals.failures) failed, \(Console.plural(totals.errors, "error"))"
        )
      }
    }
  }
}
