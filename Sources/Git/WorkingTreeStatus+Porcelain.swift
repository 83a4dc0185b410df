import SieveModel

extension WorkingTreeStatus {
  /// Why a `git status --porcelain=v2 -z` record could not be read.
  struct PorcelainError: Error, Equatable {
    /// The record, as text.
    var record: String
  }

  /// Reads the output of `git status --porcelain=v2 -z --branch`.
  ///
  /// With `-z`, every record ends in a NUL and paths are printed verbatim (no quoting), so
  /// spaces, newlines and non-ASCII names need no unescaping. The record types are:
  ///
  /// - `# branch.oid <commit> | (initial)` and `# branch.head <name> | (detached)`;
  /// - `1 XY sub mH mI mW hH hI <path>`: an ordinary change;
  /// - `2 XY sub mH mI mW hH hI Xscore <path>` followed by a record holding the original path:
  ///   a rename or copy (only when renames are detected);
  /// - `u XY sub m1 m2 m3 mW h1 h2 h3 <path>`: an unmerged path;
  /// - `? <path>`: untracked; `! <path>`: ignored, skipped.
  ///
  /// - Parameter output: Git's standard output.
  /// - Throws: ``PorcelainError`` for a record of unknown type or with too few fields.
  init(porcelainV2 output: [UInt8]) throws {
    var head: CommitID?
    var branch: String?
    var changed: Set<RepoPath> = []
    var untracked: Set<RepoPath> = []
    var conflicted: Set<RepoPath> = []

    var records = output.split(separator: 0, omittingEmptySubsequences: true).makeIterator()
    while let record = records.next() {
      let text = String(decoding: record, as: UTF8.self)
      guard let type = record.first else { continue }
      switch type {
      case UInt8(ascii: "#"):
        let fields = text.split(separator: " ", maxSplits: 2)
        guard fields.count == 3 else { continue }  // other headers, e.g. `# branch.ab +1 -0`
        switch fields[1] {
        case "branch.oid" where fields[2] != "(initial)":
          guard let commit = CommitID(String(fields[2])) else {
            throw PorcelainError(record: text)
          }
          head = commit
        case "branch.head" where fields[2] != "(detached)":
          branch = String(fields[2])
        default:
          break
        }
      case UInt8(ascii: "1"):
        changed.insert(try Self.path(in: text, after: 8))
      case UInt8(ascii: "2"):
        changed.insert(try Self.path(in: text, after: 9))
        guard let original = records.next() else { throw PorcelainError(record: text) }
        changed.insert(RepoPath(String(decoding: original, as: UTF8.self)))
      case UInt8(ascii: "u"):
        conflicted.insert(try Self.path(in: text, after: 10))
      case UInt8(ascii: "?"):
        untracked.insert(try Self.path(in: text, after: 1))
      case UInt8(ascii: "!"):
        continue
      default:
        throw PorcelainError(record: text)
      }
    }
    self.init(
      head: head, branch: branch, changed: changed, untracked: untracked, conflicted: conflicted)
    porcelainOutput = output
  }

  /// The path at the end of a record, after `fieldCount` space-separated fields.
  ///
  /// The path itself may contain spaces, so the record is split at most `fieldCount` times.
  private static func path(in record: String, after fieldCount: Int) throws -> RepoPath {
    let fields = record.split(
      separator: " ", maxSplits: fieldCount, omittingEmptySubsequences: false)
    guard fields.count == fieldCount + 1, !fields[fieldCount].isEmpty else {
      throw PorcelainError(record: record)
    }
    return RepoPath(String(fields[fieldCount]))
  }
}
