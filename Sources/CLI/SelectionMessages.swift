import Foundation
import Sieve
import SieveSelect

/// The one-line messages that say what Sieve selected and why.
enum SelectionMessages {
  /// Says on stderr what is about to run: everything (with the reason) or a count.
  static func announce(_ selection: Selection) {
    Console.message(summary(of: selection))
  }

  /// The line ``announce(_:)-(Selection)`` writes.
  static func summary(of selection: Selection) -> String {
    if let reason = selection.runEverything { return reason.summary }
    let changed = Console.plural(selection.changedFiles.count, "changed file")
    let selected = Console.count(selection.tests.count)
    let known = Console.count(selection.knownTestCount)
    var line = "\(selected) of \(known) tests affected by \(changed)"
    if !selection.collectFiles.isEmpty {
      line += "; collecting \(Console.plural(selection.collectFiles.count, "new test file"))"
    }
    return line
  }

  /// Says on stderr how the run is split, when it is: the shard and the workers.
  static func announce(_ split: RunSplit) {
    var parts: [String] = []
    if let shard = split.shard {
      parts.append(
        split.planned.isEmpty
          ? "shard \(shard): no recorded tests to plan, so tests split by file"
          : "shard \(shard): \(Console.count(split.machineTests.count)) of \(Console.count(split.planned.count)) planned tests, expected \(seconds(split.expectedDuration))"
      )
    }
    if split.workerCount > 1 {
      parts.append("\(split.workerCount) workers")
    }
    guard !parts.isEmpty else { return }
    Console.message(parts.joined(separator: "; ") + "; new tests by file")
  }

  /// `12.3 s`.
  static func seconds(_ value: Double) -> String {
    String(format: "%.1f s", value)
  }
}
