import Foundation
import SieveModel
import SieveTestSupport
import Testing

@testable import Sieve

/// The work tree's files as Sieve reads them once and checks them again after pytest exits.
@Suite("Source tree")
struct SourceTreeTests {
  @Test("A file rewritten after it was read is forgotten and read again")
  func rewrittenFileIsReadAgain() throws {
    let directory = try TemporaryDirectory()
    try directory.write("def f():\n    return 1\n", to: "app.py")
    var tree = SourceTree(root: directory.path)
    let before = tree.blocks(of: "app.py")?.contentHash
    #expect(before != nil)

    try directory.write("def f():\n    return 2\n", to: "app.py")

    #expect(tree.forgetChangedFiles() == ["app.py"])
    #expect(tree.blocks(of: "app.py")?.contentHash != before)
  }

  @Test("A file changed within two seconds of its reading is read again, even if it looks alike")
  func unsettledFileIsReadAgain() throws {
    // A second write within the file system's time grain could leave every time as it was.
    let directory = try TemporaryDirectory()
    try directory.write("def f():\n    return 1\n", to: "fresh.py")
    var tree = SourceTree(root: directory.path)
    _ = tree.blocks(of: "fresh.py")

    #expect(tree.forgetChangedFiles() == ["fresh.py"])
  }

  @Test("A settled file that did not change stays as it was read")
  func settledFileIsKept() throws {
    let directory = try TemporaryDirectory()
    try directory.write("def f():\n    return 1\n", to: "old.py")
    Thread.sleep(forTimeInterval: 2.1)  // past the settle margin
    var tree = SourceTree(root: directory.path)
    _ = tree.blocks(of: "old.py")
    _ = tree.blocks(of: "missing.py")

    #expect(tree.forgetChangedFiles().isEmpty)
  }
}
