import ArgumentParser

/// The `sieve` command: run only the tests a change can affect.
@main
struct SieveCommand: AsyncParsableCommand {
  /// This Sieve's version, also written into published baselines.
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "sieve",
    abstract: "Run only the tests a change can affect.",
    discussion: """
      Sieve records which blocks of code each test executes. On the next run it asks git what \
      changed, and runs only the tests that executed a changed block, plus new tests and \
      tests that failed last time. When it is unsure, it runs more and says why.
      """,
    version: SieveCommand.version,
    subcommands: [
      Run.self, Affected.self, Why.self, Status.self, Plan.self, Durations.self, JUnit.self,
      Verify.self, Baseline.self,
    ],
    defaultSubcommand: nil
  )
}
