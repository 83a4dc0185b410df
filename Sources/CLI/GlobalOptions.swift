import ArgumentParser
import Sieve

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The test database (default: .sieve/sieve.db at the repository root).",
      valueName: "path"))
  var database: String?

  @Option(
    name: [.customShort("C"), .long],
    help: ArgumentHelp("Run as if started in this directory.", valueName: "directory"))
  var directory: String = "."

  /// Opens the workspace these options name.
  func workspace() throws -> Workspace {
    try Workspace(directory: directory, database: database)
  }
}
