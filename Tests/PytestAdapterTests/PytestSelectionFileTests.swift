import Foundation
import SieveModel
import SievePytest
import SieveTestSupport
import Testing

@Suite("PytestSelectionFile")
struct PytestSelectionFileTests {
  static let known: [TestID: RepoPath] = [
    "tests/test_b.py::test_two": "tests/test_b.py",
    "tests/test_b.py::test_one": "tests/test_b.py",
    "tests/test_a.py::test_one": "tests/test_a.py",
    "tests/test_c.py::test_one": "tests/test_c.py",
    "tests/test_d.py::test_one": "tests/test_d.py",
  ]

  @Test("Files with no affected test that did not change are not collected")
  func unaffectedUnchangedFilesAreIgnored() {
    let file = PytestSelectionFile(
      affected: ["tests/test_b.py::test_one"], known: Self.known,
      changedFiles: ["tests/test_c.py", "app/calc.py"])

    #expect(file.ignoreFiles == ["tests/test_a.py", "tests/test_d.py"])
  }

  @Test("Known tests leave out the tests of ignored files, and every list is sorted")
  func knownExcludesIgnoredFiles() {
    let file = PytestSelectionFile(
      affected: ["tests/test_b.py::test_two", "tests/test_a.py::test_one"], known: Self.known,
      changedFiles: [])

    #expect(file.affected == ["tests/test_a.py::test_one", "tests/test_b.py::test_two"])
    #expect(
      file.known == [
        "tests/test_a.py::test_one", "tests/test_b.py::test_one", "tests/test_b.py::test_two",
      ])
    #expect(file.ignoreFiles == ["tests/test_c.py", "tests/test_d.py"])
  }

  @Test("An affected test the database does not know is kept without unignoring any file")
  func unknownAffectedTest() {
    let file = PytestSelectionFile(
      affected: ["tests/test_new.py::test_new"], known: Self.known, changedFiles: [])

    #expect(file.affected == ["tests/test_new.py::test_new"])
    #expect(file.known.isEmpty)
    #expect(
      file.ignoreFiles == [
        "tests/test_a.py", "tests/test_b.py", "tests/test_c.py", "tests/test_d.py",
      ])
  }

  @Test("The written file has the keys the plugin reads")
  func writtenKeys() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url(for: "selection.json").path
    let file = PytestSelectionFile(
      affected: ["tests/test_a.py::test_one"], known: Self.known, changedFiles: [])

    try file.write(to: path)

    let data = try #require(FileManager.default.contents(atPath: path))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["affected"] as? [String] == ["tests/test_a.py::test_one"])
    #expect(object["known"] as? [String] == ["tests/test_a.py::test_one"])
    #expect(
      object["ignoreFiles"] as? [String] == [
        "tests/test_b.py", "tests/test_c.py", "tests/test_d.py",
      ])
    #expect(object["everything"] as? Bool == false)
    #expect((object["partitions"] as? [Any])?.isEmpty == true)
    withExtendedLifetime(directory) {}
  }

  @Test("A split run's file carries each partition, and everything when all tests are kept")
  func partitions() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url(for: "selection.json").path
    let partition = PytestSelectionFile.Partition(
      index: 1, count: 3, tests: ["t.py::b"], planned: ["t.py::b", "t.py::a"], salt: "")
    try PytestSelectionFile.everything(partitions: [partition]).write(to: path)

    let data = try #require(FileManager.default.contents(atPath: path))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["everything"] as? Bool == true)
    let partitions = try #require(object["partitions"] as? [[String: Any]])
    #expect(partitions.first?["index"] as? Int == 1)
    #expect(partitions.first?["count"] as? Int == 3)
    #expect(partitions.first?["tests"] as? [String] == ["t.py::b"])
    #expect(partitions.first?["planned"] as? [String] == ["t.py::a", "t.py::b"])
    #expect(partitions.first?["salt"] as? String == "")
    withExtendedLifetime(directory) {}
  }
}
