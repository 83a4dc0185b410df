import ArgumentParser

/// The `sieve` command: run only the tests a change can affect.
@main
struct SieveCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sieve",
    abstract: "Run only the tests a change can affect.",
    discussion: """
      Sieve records which blocks of code each test executes. On the next run it asks git what \
      changed, and runs only the tests that executed a changed block, plus new tests and \
      tests that failed last time. When it is unsure, it runs more and says why.
      """,
    version: "0.1.0",
    subcommands: [
      Run.self, Affected.self, Why.self, Status.self, Plan.self, Durations.self, JUnit.self,
      Verify.self,
    ],
    defaultSubcommand: nil
  )
}
