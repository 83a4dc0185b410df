import ArgumentParser
import Foundation
import Sieve

extension SieveCommand {
  /// `sieve verify`: seed small changes, and check that selection never misses a failing test.
  struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: "Audit selection: seed small changes and check no failing test is left out.",
      discussion: """
        First brings the database up to date (like sieve run). Then, for each of N changes \
        picked from the seed (a flipped comparison, a changed number, a changed data file, a \
        negated assertion), runs the whole suite to learn which tests fail, asks Sieve what \
        it would select, and restores the file byte for byte (also on Ctrl-C). Mutant runs \
        record nothing. Prints one line per missed test on stdout; exit code 0 when nothing \
        was missed, 1 otherwise.

        Example: sieve verify --mutants 20 --seed 7 -- python3 -m pytest -q
        """)

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "How many changes to try.")
    var mutants = 10

    @Option(name: .long, help: "Picks the changes; the same seed picks the same ones.")
    var seed: UInt64 = 0

    @Flag(name: .long, help: "Print the report as JSON on stdout.")
    var json = false

    @Argument(
      parsing: .postTerminator,
      help: ArgumentHelp("The pytest command line, after --.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
      guard mutants > 0 else { throw ValidationError("--mutants must be at least 1.") }
    }

    func run() async throws {
      try await ExitCodes.guarding {
        let workspace = try options.workspace()
        let report = try await workspace.verify(command: command, mutants: mutants, seed: seed) {
          Self.show($0)
        }
        let misses = report.misses
        if json {
          Console.output(try report.json())
        } else {
          for miss in misses {
            Console.output("\(miss.location)\t\(miss.kind.rawValue)\t\(miss.change)\t\(miss.test)")
          }
        }
        summarize(report)
        if !report.databaseUnchanged { throw ExitCodes.internalFailure }
        if !misses.isEmpty { throw ExitCode(1) }
      }
    }

    private static func show(_ event: VerifyEvent) {
      switch event {
      case .recorded(let report):
        if report.didRunTests {
          Console.message("database brought up to date (pytest exit code \(report.exitCode))")
        } else {
          Console.message("database already up to date")
        }
      case .baseline(let tests, let failing):
        let detail = failing == 0 ? "" : ", \(failing) not passing (ignored)"
        Console.message("unchanged suite: \(Console.plural(tests, "test"))\(detail)")
      case .planned(let sites, let chosen):
        Console.message(
          "trying \(Console.plural(chosen, "mutant")) out of \(Console.plural(sites, "site"))")
      case .mutant(let index, let total, let result):
        let mutant = result.mutant
        let verdict =
          result.timedOut
          ? "timed out"
          : result.isKilled ? "killed (\(result.failingTests.count) failing)" : "survived"
        let missed = result.missedTests.isEmpty ? "" : ", MISSED \(result.missedTests.count)"
        let selected =
          result.runsEverythingBecause == nil
          ? "\(result.selectedTests) selected" : "all \(result.selectedTests) selected"
        Console.message(
          "[\(index)/\(total)] \(mutant.location) \(mutant.kind.rawValue) \(mutant.change): "
            + "\(verdict), \(selected)\(missed)")
      }
    }

    private func summarize(_ report: VerifyReport) {
      let selected = report.mutants.map { String($0.selectedTests) }.joined(separator: ", ")
      Console.message(
        "mutants: \(report.tried), killed: \(report.killed), missed: \(report.misses.count)")
      Console.message(
        "tests selected per mutant: [\(selected)] of \(report.totalTests) (seed \(report.seed))")
      if !report.databaseUnchanged {
        Console.error("the database changed during verification; this is a Sieve bug")
      }
    }
  }
}
