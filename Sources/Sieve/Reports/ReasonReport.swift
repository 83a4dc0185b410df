import SieveSelect

/// A selection reason as `--json` prints it: a `kind` and the fields that kind has.
public struct ReasonReport: Codable, Sendable, Equatable {
  /// The reason's kind, such as `changedBlock` or `noDatabase`.
  public var kind: String
  /// The file involved, repository-relative.
  public var path: String?
  /// The block involved, such as `Greeter.greet` or `<module>`.
  public var block: String?
  /// The outcome involved, for `failedLastTime`.
  public var outcome: String?
  /// The reason in words.
  public var message: String

  /// Creates the report of a reason.
  ///
  /// - Parameter reason: The reason.
  public init(_ reason: SelectionReason) {
    message = reason.summary
    switch reason {
    case .noDatabase(let path):
      kind = "noDatabase"
      self.path = path
    case .unreadableDatabase: kind = "unreadableDatabase"
    case .newerDatabase(let path):
      kind = "newerDatabase"
      self.path = path
    case .unknownCommit: kind = "unknownCommit"
    case .requestedAll: kind = "requestedAll"
    case .configurationChanged(let path):
      kind = "configurationChanged"
      self.path = path.value
    case .environmentChanged: kind = "environmentChanged"
    case .changedBlock(let path, let block):
      kind = "changedBlock"
      self.path = path.value
      self.block = block
    case .removedBlock(let path, let block):
      kind = "removedBlock"
      self.path = path.value
      self.block = block
    case .removedFile(let path):
      kind = "removedFile"
      self.path = path.value
    case .neverRan: kind = "neverRan"
    case .alwaysRuns: kind = "alwaysRuns"
    case .failedLastTime(let outcome):
      kind = "failedLastTime"
      self.outcome = outcome.rawValue
    }
  }
}
