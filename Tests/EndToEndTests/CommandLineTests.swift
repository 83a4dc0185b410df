import Foundation
import Testing

/// The CLI's contract: data on stdout, messages on stderr, JSON documents for machines.
@Suite("Command line")
struct CommandLineTests {
  @Test("affected prints node ids on stdout and its summary on stderr")
  func affectedStreams() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let result = try project.sieve("affected")
    #expect(result.status == 0)
    #expect(result.stdout == BasicTests.multiply + "\n")
    #expect(result.stderr == "sieve: 1 of 9 tests affected by 1 changed file\n")
  }

  @Test("affected --json gives each selected test with its reasons")
  func affectedJSON() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let result = try project.sieve("affected", "--json")
    #expect(result.stderr.isEmpty)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["version"] as? Int == 1)
    #expect(document["changedFiles"] as? [String] == ["app/calc.py"])
    #expect(document["knownTestCount"] as? Int == 9)
    #expect(document["deselectedCount"] as? Int == 8)
    let selected = try #require(document["selected"] as? [[String: Any]])
    #expect(selected.count == 1)
    #expect(selected.first?["test"] as? String == BasicTests.multiply)
    let reasons = try #require(selected.first?["reasons"] as? [[String: Any]])
    #expect(reasons.first?["kind"] as? String == "changedBlock")
    #expect(reasons.first?["path"] as? String == "app/calc.py")
    #expect(reasons.first?["block"] as? String == "multiply")
  }

  @Test("Without a database, affected --json says every test runs and why")
  func affectedJSONWithoutDatabase() throws {
    let project = try SieveProject()
    let result = try project.sieve("affected", "--json")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let everything = try #require(document["runEverything"] as? [String: Any])
    #expect(everything["kind"] as? String == "noDatabase")
  }

  @Test("why names the changed block and its lines, or says nothing changed")
  func why() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let selected = try project.sieve("why", BasicTests.multiply)
    #expect(selected.stdout.contains("app/calc.py: multiply changed (lines 12-12)"))
    let unaffected = try project.sieve("why", BasicTests.add)
    #expect(unaffected.stdout.contains("is not affected"))
    let unknown = try project.sieve("why", "tests/test_calc.py::test_nothing")
    #expect(unknown.stdout.contains("is not in the database"))
  }

  @Test("status --json reports the database, commit and changed files")
  func statusJSON() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit(
      "app/text.py", replacing: "return text.lower()", with: "return text.casefold()")
    let result = try project.sieve("status", "--json")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["database"] as? String == ".sieve/sieve.db")
    #expect(document["testCount"] as? Int == 9)
    #expect(document["changedFiles"] as? [String] == ["app/text.py"])
    #expect(document["affectedCount"] as? Int == 3)
    #expect(document["commit"] as? String == (try project.repository.head()))
  }

  @Test("A bad command line exits 64 with usage on stderr")
  func badCommandLine() throws {
    let project = try SieveProject()
    let result = try project.sieve("affected", "--no-such-flag")
    #expect(result.status == 64)
    #expect(result.stderr.contains("Unknown option"))
  }

  @Test("The database is excluded from git locally, not through .gitignore")
  func localExclude() throws {
    let project = try SieveProject()
    try project.run()
    let exclude = try project.read(".git/info/exclude")
    #expect(exclude.contains(".sieve/"))
    #expect(try project.repository.git("status", "--porcelain").isEmpty)
  }
}
