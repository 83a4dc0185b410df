import ArgumentParser
import Foundation
import Sieve

extension SieveCommand.Baseline {
  /// `sieve baseline publish`: store the database as the checked-out commit's baseline.
  struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "publish",
      abstract: "Publish the database as this commit's baseline.",
      discussion: """
        The database must have been recorded on the checked-out commit with a clean tree \
        (run sieve run --all -- pytest first). It is compacted, compressed and stored under \
        the commit's id and its Python environment, with a manifest holding its checksum.
        """)

    @OptionGroup var options: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "Print the manifest as JSON on stdout.")
    var json = false

    func run() async throws {
      try await ExitCodes.guarding {
        let workspace = try options.workspace()
        let store = try storeOptions.store(for: workspace)
        let report = try await workspace.publishBaseline(
          to: store, sieveVersion: SieveCommand.version)
        let manifest = report.manifest
        if json { Console.output(String(decoding: try manifest.encoded(), as: UTF8.self)) }
        Console.message(
          "published the baseline of \(manifest.commit.prefix(12)) (\(Console.plural(manifest.testCount, "test")), \(manifest.environment.summary), \(Console.bytes(manifest.archiveSize)) compressed) to \(report.store)"
        )
      }
    }
  }
}
