import Foundation
import SieveTestSupport
import Testing

/// When Sieve cannot trust what it has, it runs more, says why in one line, and never skips
/// a test because of it.
@Suite("Bad input")
struct BadInputTests {
  @Test("A file that is not a database runs everything, is moved aside, and is rebuilt")
  func foreignDatabase() throws {
    let project = try SieveProject()
    try project.write("this is not SQLite\n", to: ".sieve/sieve.db")
    let affected = try project.sieve("affected")
    #expect(affected.status == 0)
    #expect(affected.stderr.contains("running every test"))
    #expect(affected.stderr.contains("is not a readable Sieve database"))
    let run = try project.run()
    #expect(run.status == 0)
    #expect(run.ranTests.count == BasicTests.count)
    #expect(run.stderr.contains("moved the unreadable database aside"))
    #expect(FileManager.default.fileExists(atPath: project.path + "/.sieve/sieve.db.unreadable"))
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("A truncated database runs everything")
  func truncatedDatabase() throws {
    let project = try SieveProject()
    try project.run()
    let path = project.path + "/.sieve/sieve.db"
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: path))
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let run = try project.run()
    #expect(run.ranTests.count == BasicTests.count)
    #expect(run.stderr.contains("running every test"))
  }

  @Test("A database from a newer Sieve runs everything and is left untouched")
  func newerDatabase() throws {
    let project = try SieveProject()
    try project.run()
    let path = project.path + "/.sieve/sieve.db"
    let script = """
      import sqlite3, sys
      c = sqlite3.connect(sys.argv[1])
      c.execute("INSERT INTO grdb_migrations VALUES ('v99: from the future')")
      c.commit()
      """
    _ = try Shell.run("python3", ["-c", script, path], in: project.path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let run = try project.run()
    #expect(run.ranTests.count == BasicTests.count)
    #expect(run.stderr.contains("newer Sieve"))
    #expect(run.stderr.contains("results not recorded"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  @Test("Outside a git repository Sieve exits 70 and says what to do")
  func notARepository() throws {
    let directory = try TemporaryDirectory()
    let result = try Shell.run(SieveProject.sieveExecutable, ["affected"], in: directory.path)
    #expect(result.status == 70)
    #expect(result.stderr.contains("is not inside a git repository"))
    #expect(result.stderr.contains("git init"))
    #expect(result.stdout.isEmpty)
  }

  @Test("A detached HEAD selects like a branch")
  func detachedHead() throws {
    let project = try SieveProject()
    try project.run()
    try project.repository.git("checkout", "-q", "--detach")
    try project.edit("app/calc.py", replacing: "return a + b", with: "return b + a")
    #expect(try project.affected() == [BasicTests.add])
    #expect(try project.run().ranTests == [BasicTests.add])
  }

  @Test("A test runner that is not installed gets a one-line message and exit code 70")
  func missingRunner() throws {
    let project = try SieveProject()
    let result = try project.sieve("run", "--", "no-such-pytest", "-q")
    #expect(result.status == 70)
    #expect(result.stderr.contains("no-such-pytest was not found on PATH"))
  }

  @Test("A Python without pytest: pytest's exit code, and nothing recorded")
  func pythonWithoutPytest() throws {
    let project = try SieveProject()
    let result = try project.sieve("run", "--", "python3", "-m", "no_such_pytest_module")
    #expect(result.status == 1)
    #expect(result.stderr.contains("results not recorded"))
    #expect(try project.run().ranTests.count == BasicTests.count, "still no database")
  }

  @Test("A syntax error in a changed file selects every test that depended on it")
  func syntaxError() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("app/text.py", replacing: "def whisper(text):", with: "def whisper(text:")
    let affected = try project.affected()
    #expect(affected.contains(BasicTests.shout))
    #expect(affected.filter { $0.hasPrefix(BasicTests.whisperPrefix) }.count == 3)
    #expect(!affected.contains(BasicTests.add))
    let run = try project.run()
    #expect(run.status != 0)
    // Nothing was recorded for the broken tests, so they stay selected until fixed.
    #expect(try project.affected().contains(BasicTests.shout))
  }

  @Test("Test ids with unicode and brackets round-trip through the database")
  func unusualTestIDs() throws {
    let project = try SieveProject()
    let first = try project.run()
    let whisper = first.ranTests.filter { $0.hasPrefix(BasicTests.whisperPrefix) }
    #expect(whisper.count == 3)
    try project.edit("app/text.py", replacing: "return text.lower()", with: "return text.lower() ")
    #expect(try project.affected().isEmpty, "trailing spaces are not a change")
    try project.edit(
      "app/text.py", replacing: "return text.lower() ", with: "return str.lower(text)")
    #expect(try project.affected() == whisper)
    for id in whisper {
      let why = try project.sieve("why", id)
      #expect(why.stdout.contains("app/text.py: whisper changed"), "\(why.stdout)")
    }
    #expect(try project.run().ranTests == whisper)
  }
}

/// Ctrl-C reaches pytest and Sieve together, as a terminal sends it to the whole group.
@Suite("Interrupting a run")
struct InterruptTests {
  @Test("Ctrl-C during a run leaves the previous database intact and exits with pytest's code")
  func interruptLeavesDatabase() throws {
    let project = try SieveProject()
    let test = """
      import os, signal


      def test_interrupt():
          if os.environ.get("SIEVE_TEST_INTERRUPT"):
              os.killpg(os.getpgrp(), signal.SIGINT)  # what Ctrl-C in a terminal does
      """
    try project.write(test + "\n", to: "tests/test_interrupt.py")
    try project.run()
    let database = project.path + "/.sieve/sieve.db"
    let before = try Data(contentsOf: URL(fileURLWithPath: database))
    try project.write(test + "\n    assert True\n", to: "tests/test_interrupt.py")
    // setsid gives sieve and pytest a process group of their own, away from the test runner.
    let result = try Shell.run(
      "setsid",
      [
        "--wait", SieveProject.sieveExecutable, "run", "--", "python3", "-m", "pytest", "-q",
        "-p", "no:cacheprovider",
      ], in: project.path,
      environment: GitFixture.environment.merging(["SIEVE_TEST_INTERRUPT": "1"]) { $1 })
    #expect(result.status == 2, "pytest's exit code for an interrupted run: \(result.stderr)")
    #expect(result.stderr.contains("the run was interrupted"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    #expect(try project.affected().contains("tests/test_interrupt.py::test_interrupt"))
  }
}
