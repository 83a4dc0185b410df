import Foundation
import SieveTestSupport
import Testing

/// Sieve reads the plugin's results, and the sources they name, while pytest shuts down.
@Suite("Reading results while pytest exits")
struct ResultsPrefetchTests {
  @Test("A source file rewritten after the results, before pytest exits, is recorded as it ends")
  func fileRewrittenWhilePytestExits() throws {
    let project = try SieveProject()
    // pytest_unconfigure runs after the plugin wrote its results at the session's end.
    try project.write(
      """
      import os
      import pathlib
      import time


      def pytest_unconfigure(config):
          if os.environ.get("REWRITE_AT_EXIT"):
              time.sleep(0.5)  # Sieve has read the results and the sources by now
              path = pathlib.Path(__file__).parent / "app" / "calc.py"
              path.write_text(path.read_text().replace("return a * b", "return b * a"))

      """, to: "conftest.py")
    try project.repository.commit("Rewrite at exit when asked")
    try project.run()

    let second = try project.run("--all", environment: ["REWRITE_AT_EXIT": "1"])

    #expect(second.status == 0, "\(second.stderr)")
    #expect(try project.read("app/calc.py").contains("return b * a"))
    // Recorded as the file was when pytest ended, as if read after it: nothing is affected.
    #expect(try project.affected().isEmpty)
  }

  /// A conftest.py that, as pytest exits (after the plugin wrote its results), waits for
  /// Sieve's write to the database to be under way, says in `SIEVE_TEST_SEEN` whether it saw
  /// it, and with `SIEVE_TEST_EXIT` then leaves with that exit code.
  static let watchingConftest = """
    import os
    import time


    def pytest_unconfigure(config):
        seen = os.environ.get("SIEVE_TEST_SEEN")
        if not seen:
            return
        journal = os.path.join(os.path.dirname(__file__), ".sieve", "sieve.db-journal")
        deadline = time.monotonic() + 30
        while not os.path.exists(journal) and time.monotonic() < deadline:
            time.sleep(0.01)
        with open(seen, "w") as file:
            file.write("writing" if os.path.exists(journal) else "not writing")
        if os.environ.get("SIEVE_TEST_EXIT"):
            os._exit(int(os.environ["SIEVE_TEST_EXIT"]))

    """

  /// A project with the watching conftest.py, committed, its files past the settle margin.
  static func watchedProject() throws -> (project: SieveProject, seen: String) {
    let project = try SieveProject()
    try project.write(watchingConftest, to: "conftest.py")
    try project.repository.commit("Watch Sieve's write as pytest exits")
    Thread.sleep(forTimeInterval: 2.1)  // past the settle margin, so the files read stay valid
    let seen = NSTemporaryDirectory() + "sieve-seen-\(UUID().uuidString)"
    return (project, seen)
  }

  @Test("The run is written while pytest exits, and committed once it has exited")
  func writtenWhilePytestExits() throws {
    let (project, seen) = try Self.watchedProject()
    defer { try? FileManager.default.removeItem(atPath: seen) }

    let run = try project.run("--all", environment: ["SIEVE_TEST_SEEN": seen])

    #expect(run.status == 0, "\(run.stderr)")
    #expect(try String(contentsOfFile: seen, encoding: .utf8) == "writing")
    #expect(run.stderr.contains("recorded"), "\(run.stderr)")
    #expect(try project.affected().isEmpty)
    let database = project.path + "/.sieve/sieve.db"
    let rows = try SieveDatabase.testsWithDependencies(in: database)
    #expect(rows.contains { $0.hasPrefix(BasicTests.add + "|passed|app/calc.py|") }, "\(rows)")
    #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
    #expect(try project.repository.git("status", "--porcelain").isEmpty)
  }

  @Test("A first run interrupted as pytest exits leaves no database, though Sieve began writing")
  func interruptedFirstRunLeavesNoFile() throws {
    let (project, seen) = try Self.watchedProject()
    defer { try? FileManager.default.removeItem(atPath: seen) }

    let run = try project.run(
      "--all", environment: ["SIEVE_TEST_SEEN": seen, "SIEVE_TEST_EXIT": "2"])

    #expect(run.status == 2, "\(run.stderr)")
    #expect(try String(contentsOfFile: seen, encoding: .utf8) == "writing")
    #expect(run.stderr.contains("the run was interrupted"), "\(run.stderr)")
    for suffix in ["", "-journal"] {
      #expect(!FileManager.default.fileExists(atPath: project.path + "/.sieve/sieve.db" + suffix))
    }
  }

  @Test("A run interrupted as pytest exits leaves the database byte for byte as it was")
  func interruptedRunLeavesDatabase() throws {
    let (project, seen) = try Self.watchedProject()
    defer { try? FileManager.default.removeItem(atPath: seen) }
    try project.run("--all")
    let database = project.path + "/.sieve/sieve.db"
    let before = try Data(contentsOf: URL(fileURLWithPath: database))

    let run = try project.run(
      "--all", environment: ["SIEVE_TEST_SEEN": seen, "SIEVE_TEST_EXIT": "2"])

    #expect(run.status == 2, "\(run.stderr)")
    #expect(try String(contentsOfFile: seen, encoding: .utf8) == "writing")
    #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
  }
}
