import ArgumentParser
import Foundation
import Sieve

extension SieveCommand {
  /// `sieve durations`: the slowest tests and the total, from the database.
  struct Durations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "durations",
      abstract: "Print the slowest tests and the total duration recorded in the database.",
      discussion: "Durations are those of each test's last run: setup, call and teardown.")

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "How many of the slowest tests to print.")
    var top = 10

    @Flag(name: .long, help: "Print one JSON document.")
    var json = false

    func validate() throws {
      guard top >= 0 else { throw ValidationError("--top must be 0 or more.") }
    }

    func run() async throws {
      try await ExitCodes.guarding {
        let report = try options.workspace().durations(top: top)
        if json {
          Console.output(try report.json())
          return
        }
        for entry in report.slowest {
          Console.output(String(format: "%9.3fs  ", entry.duration) + entry.test)
        }
        Console.output(
          String(format: "%9.3fs  ", report.totalDuration)
            + "total of \(Console.plural(report.testCount, "test"))")
      }
    }
  }
}
