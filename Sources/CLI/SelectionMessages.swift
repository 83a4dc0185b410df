import SieveSelect

/// The one-line messages that say what Sieve selected and why.
enum SelectionMessages {
  /// Says on stderr what is about to run: everything (with the reason) or a count.
  static func announce(_ selection: Selection) {
    if let reason = selection.runEverything {
      Console.message(reason.summary)
      return
    }
    let changed = Console.plural(selection.changedFiles.count, "changed file")
    let selected = Console.count(selection.tests.count)
    let known = Console.count(selection.knownTestCount)
    var line = "\(selected) of \(known) tests affected by \(changed)"
    if !selection.collectFiles.isEmpty {
      line += "; collecting \(Console.plural(selection.collectFiles.count, "new test file"))"
    }
    Console.message(line)
  }
}
