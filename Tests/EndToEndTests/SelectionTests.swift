import Foundation
import Testing

/// Sieve on a real pytest project in a real git repository: the selection rules end to end.
@Suite("Selecting pytest tests")
struct SelectionTests {
  @Test("With no database, every test runs and is recorded")
  func firstRunRunsEverything() throws {
    let project = try SieveProject()
    let first = try project.run()
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.ranTests.count == BasicTests.count)
    #expect(first.stderr.contains("no test database"))
    #expect(first.stderr.contains("recorded 9 tests"))
  }

  @Test("With nothing changed, no test runs and the exit code is 0")
  func nothingChanged() throws {
    let project = try SieveProject()
    try project.run()
    let second = try project.run()
    #expect(second.status == 0)
    #expect(second.ranTests.isEmpty)
    #expect(second.stderr.contains("0 of 9 tests affected by 0 changed files"))
    #expect(try project.affected().isEmpty)
  }

  @Test("Editing a function body selects only the tests that ran it")
  func functionBodyEdit() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try project.affected() == [BasicTests.multiply])
    let run = try project.run()
    #expect(run.ranTests == [BasicTests.multiply])
    #expect(run.status == 0)
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("Editing a comment or blank lines selects no test")
  func commentEdit() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("app/calc.py", replacing: "# Adds two numbers.", with: "# Adds.\n\n")
    #expect(try project.affected().isEmpty)
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("Editing a module constant selects the tests that use it, and not the others")
  func moduleConstantEdit() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("app/config.py", replacing: "LIMIT = 10", with: "LIMIT = 20")
    let affected = try project.affected()
    #expect(affected.contains(BasicTests.clamp))
    #expect(affected.contains(BasicTests.limitIsSmall), "imported first by another module")
    #expect(!affected.contains(BasicTests.shout))
    let run = try project.run()
    #expect(run.ranTests == affected)
    #expect(run.status == 1, "test_clamp and test_limit_is_small now fail")
  }

  @Test("A module imported by name (importlib) after another imported it is still linked")
  func moduleImportedByName() throws {
    let project = try SieveProject()
    try project.write(
      """
      import importlib
      from importlib import import_module


      def test_limit_by_name():
          assert importlib.import_module("app.config").LIMIT <= 10


      def test_greeting_by_name():
          assert import_module(".config", "app").GREETING == "hello"

      """, to: "tests/test_zz_by_name.py")
    try project.repository.commit("Tests that import by name")
    try project.run()
    try project.edit("app/config.py", replacing: "LIMIT = 10", with: "LIMIT = 20")
    let affected = try project.affected()
    #expect(affected.contains("tests/test_zz_by_name.py::test_limit_by_name"), "\(affected)")
    #expect(affected.contains("tests/test_zz_by_name.py::test_greeting_by_name"), "\(affected)")
  }

  @Test("A new test runs, and only it")
  func newTest() throws {
    let project = try SieveProject()
    try project.run()
    try project.write(
      "from app.text import shout\n\n\ndef test_shout_twice():\n    assert shout(shout('a')) == 'A!!'\n",
      to: "tests/test_more.py")
    let run = try project.run()
    #expect(run.ranTests == ["tests/test_more.py::test_shout_twice"])
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("A test added to a known file runs")
  func testAddedToKnownFile() throws {
    let project = try SieveProject()
    try project.run()
    let text = try project.read("tests/test_calc.py")
    try project.write(
      text + "\n\ndef test_add_zero():\n    assert add(0, 0) == 0\n", to: "tests/test_calc.py")
    let run = try project.run()
    #expect(run.ranTests.contains("tests/test_calc.py::test_add_zero"))
    #expect(!run.ranTests.contains(BasicTests.shout))
  }

  @Test("A failing test keeps running until it passes")
  func failingTestReruns() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit("tests/test_text.py", replacing: "== \"HI!\"", with: "== \"HI?\"")
    let failing = try project.run()
    #expect(failing.status == 1)
    #expect(failing.ranTests == [BasicTests.shout])
    let again = try project.run()
    #expect(again.ranTests == [BasicTests.shout], "still failing, so it runs again")
    #expect(again.status == 1)
    try project.edit("tests/test_text.py", replacing: "== \"HI?\"", with: "== \"HI!\"")
    let fixed = try project.run()
    #expect(fixed.ranTests == [BasicTests.shout])
    #expect(fixed.status == 0)
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("Deleting the database runs everything again")
  func deletedDatabase() throws {
    let project = try SieveProject()
    try project.run()
    try FileManager.default.removeItem(atPath: project.path + "/.sieve/sieve.db")
    let run = try project.run()
    #expect(run.ranTests.count == BasicTests.count)
    #expect(run.stderr.contains("no test database"))
  }

  @Test("Tests of a deleted file, and a test deleted from a collected file, leave the database")
  func removedTests() throws {
    let project = try SieveProject()
    try project.run()
    try FileManager.default.removeItem(atPath: project.path + "/tests/test_limits.py")
    try project.edit(
      "tests/test_calc.py", replacing: "def test_clamp():\n    assert clamp(50) == 10\n",
      with: "")
    let run = try project.run()
    #expect(run.status == 0, "\(run.stderr)")
    let known = try SieveDatabase.execute(
      "SELECT nodeId FROM (\(SieveDatabase.nodeIDs)) ORDER BY nodeId",
      in: project.path + "/.sieve/sieve.db")
    #expect(!known.contains(BasicTests.clamp))
    #expect(!known.contains(BasicTests.limitIsSmall))
    #expect(known.contains(BasicTests.add) && known.contains(BasicTests.shout))
    #expect(known.count == BasicTests.count - 3, "test_limits.py held two")
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("Reverting an edit after its tests ran selects them again: they saw the edited code")
  func revertedEdit() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit(
      "app/text.py", replacing: "return text.lower()", with: "return text.casefold()")
    let edited = try project.run()
    #expect(edited.ranTests.count == 3)
    #expect(edited.ranTests.allSatisfy { $0.hasPrefix(BasicTests.whisperPrefix) })
    try project.edit(
      "app/text.py", replacing: "return text.casefold()", with: "return text.lower()")
    // git now sees no change at all, but the whisper tests last ran the casefold version.
    let reverted = try project.affected()
    #expect(reverted == edited.ranTests)
    #expect(try project.run().ranTests == edited.ranTests)
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("Editing a committed file and committing it still selects its tests")
  func committedChange() throws {
    let project = try SieveProject()
    try project.run()
    try project.edit(
      "app/text.py", replacing: "return text.upper() + \"!\"", with: "return text.upper() + '!'")
    try project.repository.commit("Quote style")
    try project.edit("app/calc.py", replacing: "return a + b", with: "return b + a")
    try project.repository.commit("Commute")
    #expect(try project.affected() == [BasicTests.shout, BasicTests.add])
    #expect(try project.run().ranTests == [BasicTests.shout, BasicTests.add])
    #expect(try project.run().ranTests.isEmpty)
  }
}

/// Tests the user deselected (`-k`, `-m`) are known but have never run: they run as soon as
/// the user's arguments let them.
@Suite("Deselected tests")
struct DeselectedTests {
  @Test("Tests deselected with -k on the first run run later, when -k is dropped")
  func deselectedTestsRunLater() throws {
    let project = try SieveProject()
    let first = try project.sieve(
      "run", "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider", "-k", "shout")
    #expect(first.ranTests == [BasicTests.shout])
    let affected = try project.sieve("affected", "--json")
    #expect(affected.stdout.contains("\"neverRan\""))
    let second = try project.run()
    #expect(second.ranTests.count == BasicTests.count - 1)
    #expect(!second.ranTests.contains(BasicTests.shout))
    #expect(try project.run().ranTests.isEmpty)
  }

  @Test("With the same -k, deselected tests start no pytest; without it, a changed one runs")
  func sameDeselectionStartsNothing() throws {
    // Given a first run that deselected every test but test_shout
    let project = try SieveProject()
    let kShout = [
      "run", "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider", "-k", "shout",
    ]
    #expect(try project.sieve(kShout).ranTests == [BasicTests.shout])
    // When nothing changed, or only code that deselected tests would run
    let same = try project.sieve(kShout)
    #expect(same.stdout.isEmpty, "pytest did not start")
    #expect(same.stderr.contains("0 of 9 tests affected"))
    try project.edit("app/calc.py", replacing: "return a * b", with: "return a * b + 1")
    #expect(try project.sieve(kShout).stdout.isEmpty)
    // Then without -k the deselected tests run, and the broken one fails
    let plain = try project.run()
    #expect(plain.ranTests.count == BasicTests.count - 1)
    #expect(
      plain.ranTests.contains(BasicTests.multiply) && !plain.ranTests.contains(BasicTests.shout))
    #expect(plain.status == 1)
  }

  @Test("A data file that adds a test -k matches collects a file whose tests were all deselected")
  func newParameterMatchingDeselection() throws {
    // Given a first run whose -k deselected every test
    let project = try SieveProject(fixture: "pytest-cases")
    let k7 = ["run", "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider", "-k", "7"]
    #expect(try project.sieve(k7).ranTests.isEmpty)
    #expect(try project.sieve(k7).stdout.isEmpty, "the same -k starts no pytest")
    // When the data file the test module reads at import time adds a case -k matches
    try project.edit("tests/cases.json", replacing: "[3, 6]", with: "[3, 7]")
    // Then the new case runs (and fails)
    let run = try project.sieve(k7)
    #expect(run.ranTests == ["tests/test_params.py::test_double[3-7]"], "\(run.stderr)")
    #expect(run.status == 1)
  }

  @Test("A test that -x kept from running is not taken for a deselected one")
  func stoppedEarlyRunsNext() throws {
    let project = try SieveProject()
    try project.edit("tests/test_calc.py", replacing: "== 5", with: "== 6")
    let stopX = ["run", "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider", "-x"]
    let first = try project.sieve(stopX)
    #expect(first.status == 1)
    #expect(first.ranTests.count < BasicTests.count)
    try project.edit("tests/test_calc.py", replacing: "== 6", with: "== 5")
    #expect(try project.sieve(stopX).ranTests.count == BasicTests.count)
  }
}

/// `@pytest.mark.sieve_always`: for tests whose dependencies coverage cannot see.
@Suite("Always-run tests")
struct AlwaysRunTests {
  @Test("A test marked sieve_always runs whatever changed, and nothing else joins it")
  func markedTestAlwaysRuns() throws {
    let project = try SieveProject()
    try project.write(
      """
      import subprocess
      import sys

      import pytest


      @pytest.mark.sieve_always
      def test_in_a_subprocess():
          assert subprocess.run([sys.executable, "-c", "pass"]).returncode == 0

      """, to: "tests/test_external.py")
    let first = try project.run()
    #expect(first.ranTests.count == BasicTests.count + 1)
    #expect(!first.stdout.contains("PytestUnknownMarkWarning"))
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let always = "tests/test_external.py::test_in_a_subprocess"
    #expect(try project.affected() == [BasicTests.multiply, always])
    #expect(try project.run().ranTests == [BasicTests.multiply, always])
  }
}
