import ArgumentParser
import Sieve
import SieveModel

extension SieveCommand {
  /// `sieve why`: explain why a test is, or is not, affected.
  struct Why: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "why",
      abstract: "Explain why a test is, or is not, affected.",
      discussion: "Example: sieve why 'tests/test_auth.py::test_login[admin]'")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Print one JSON document.")
    var json = false

    @Argument(help: ArgumentHelp("The test's pytest node id.", valueName: "node-id"))
    var test: String

    func run() async throws {
      try await ExitCodes.guarding {
        let report = try await options.workspace().why(TestID(test))
        if json {
          Console.output(try report.json())
          return
        }
        if let everything = report.runEverything {
          Console.output("\(test) is selected: \(everything.message)")
        } else if !report.isKnown {
          Console.output(
            "\(test) is not in the database: if pytest collects it, it runs as a new test")
        } else if report.reasons.isEmpty {
          Console.output(
            "\(test) is not affected: none of the \(Console.plural(report.dependencyCount, "block")) it ran, in \(Console.plural(report.fileCount, "file")), changed"
          )
        } else {
          Console.output("\(test) is selected because:")
          for item in report.reasons {
            let lines = item.lines.map { " (lines \($0))" } ?? ""
            Console.output("  \(item.reason.message)\(lines)")
          }
        }
      }
    }
  }
}
