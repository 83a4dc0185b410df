import ArgumentParser
import Foundation
import Sieve
import SieveBaselines

extension SieveCommand.Baseline {
  /// `sieve baseline prune`: keep only the newest baselines in a directory store.
  struct Prune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "prune",
      abstract: "Delete all but the newest baselines of a directory store.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: "How many commits' baselines to keep, newest first.")
    var keep: Int

    func validate() throws {
      guard keep >= 0 else { throw ValidationError("--keep must be 0 or more.") }
    }

    func run() async throws {
      try await ExitCodes.guarding {
        let workspace = try options.workspace()
        let store = try storeOptions.store(for: workspace)
        guard let directory = store as? DirectoryBaselineStore else {
          Console.error(
            "\(store.displayName) is not a directory store. Prune an HTTP store with the server's own retention rules."
          )
          throw ExitCodes.internalFailure
        }
        let removed = try directory.prune(keep: keep)
        for commit in removed { Console.output(commit) }
        Console.message(
          "removed the baselines of \(Console.plural(removed.count, "commit")) from \(directory.root)"
        )
      }
    }
  }
}
