import SieveModel
import Testing

@testable import SieveGit

@Suite("WorkingTreeStatus(porcelainV2:)")
struct WorkingTreeStatusPorcelainTests {
  private static let oid = "0123456789abcdef0123456789abcdef01234567"
  private static let zero = String(repeating: "0", count: 40)

  /// Joins records the way `git status --porcelain=v2 -z` prints them.
  private func output(_ records: String...) -> [UInt8] {
    Array(records.map { $0 + "\0" }.joined().utf8)
  }

  @Test("Branch headers give the head commit and branch; other headers are skipped")
  func headers() throws {
    let status = try WorkingTreeStatus(
      porcelainV2: output(
        "# branch.oid \(Self.oid)", "# branch.head feature/x", "# branch.upstream origin/x",
        "# branch.ab +1 -2"))

    #expect(status.head == CommitID(Self.oid))
    #expect(status.branch == "feature/x")
    #expect(status.isClean)
  }

  @Test("An initial commit and a detached head give nil")
  func initialAndDetached() throws {
    let status = try WorkingTreeStatus(
      porcelainV2: output("# branch.oid (initial)", "# branch.head (detached)"))

    #expect(status.head == nil)
    #expect(status.branch == nil)
  }

  @Test("A rename record contributes its new path and the original path that follows it")
  func renameRecord() throws {
    let status = try WorkingTreeStatus(
      porcelainV2: output(
        "2 R. N... 100644 100644 100644 \(Self.oid) \(Self.oid) R100 new name.py", "old name.py",
        "? after.txt"))

    #expect(status.changed == ["new name.py", "old name.py", "after.txt"])
    #expect(status.untracked == ["after.txt"])
  }

  @Test("Ordinary, unmerged, untracked and ignored records are read by their field counts")
  func recordTypes() throws {
    let status = try WorkingTreeStatus(
      porcelainV2: output(
        "1 .M N... 100644 100644 100644 \(Self.oid) \(Self.oid) a b  c.txt",
        "u UU N... 100644 100644 100644 100644 \(Self.oid) \(Self.oid) \(Self.oid) both.py",
        "? dir/new file", "! ignored.log"))

    #expect(status.changed == ["a b  c.txt", "both.py", "dir/new file"])
    #expect(status.conflicted == ["both.py"])
    #expect(status.untracked == ["dir/new file"])
  }

  @Test("A deletion record gives the deleted path")
  func deletionRecord() throws {
    let status = try WorkingTreeStatus(
      porcelainV2: output("1 D. N... 100644 000000 000000 \(Self.oid) \(Self.zero) gone.py"))

    #expect(status.changed == ["gone.py"])
  }

  @Test(
    "Unknown or truncated records are rejected rather than skipped",
    arguments: ["X what", "1 .M N... 100644", "u UU N... 1 2 3 4", "# branch.oid nothex"]
  )
  func malformedRecord(record: String) {
    #expect(throws: WorkingTreeStatus.PorcelainError(record: record)) {
      try WorkingTreeStatus(porcelainV2: output(record))
    }
  }

  @Test("A rename record without its original path is rejected")
  func truncatedRename() {
    let record = "2 R. N... 100644 100644 100644 \(Self.oid) \(Self.oid) R100 new.py"
    #expect(throws: WorkingTreeStatus.PorcelainError(record: record)) {
      try WorkingTreeStatus(porcelainV2: output(record))
    }
  }
}
