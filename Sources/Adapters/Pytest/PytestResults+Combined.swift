extension PytestResults {
  /// The results of one run made of several pytest processes, each of which ran part of it.
  ///
  /// Shared contexts with the same name (the session, a module's import, a wide fixture) are
  /// united, since each process ran them on its own; tests, collected items and the import
  /// graph are joined. Facts come from the first process that reported them. An error or an
  /// environment change reported by any process is kept; the exit status is the combined one.
  ///
  /// - Parameter parts: Each process's results.
  /// - Returns: One set of results.
  public static func combined(_ parts: [PytestResults]) -> PytestResults {
    var result = PytestResults()
    var statuses: [Int32] = []
    for part in parts {
      if result.facts.isEmpty { result.facts = part.facts }
      for (name, coverage) in part.contexts {
        result.contexts[name, default: Coverage()].formUnion(coverage)
      }
      result.collected.merge(part.collected) { first, _ in first }
      result.tests += part.tests
      for (source, targets) in part.imports {
        result.imports[source] = Array(Set(result.imports[source] ?? []).union(targets)).sorted()
      }
      if let status = part.exitStatus { statuses.append(Int32(status)) }
      result.error = result.error ?? part.error
      result.environmentChange = result.environmentChange ?? part.environmentChange
    }
    result.exitStatus = statuses.isEmpty ? nil : Int(PytestExitCode.combined(statuses))
    return result
  }
}

extension PytestResults.Coverage {
  /// Adds what `other` recorded to this coverage.
  ///
  /// - Parameter other: Coverage of the same context from another process.
  public mutating func formUnion(_ other: PytestResults.Coverage) {
    for (path, lines) in other.lines {
      self.lines[path] = Array(Set(self.lines[path] ?? []).union(lines)).sorted()
    }
    for (path, starts) in other.codeStarts {
      codeStarts[path] = Array(Set(codeStarts[path] ?? []).union(starts)).sorted()
    }
    reads = Array(Set(reads).union(other.reads)).sorted()
  }
}
