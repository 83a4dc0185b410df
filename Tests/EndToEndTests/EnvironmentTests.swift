import Foundation
import SieveTestSupport
import Testing

/// One data set per environment: an interpreter, its installed packages, and the environment
/// variables the user names. A change runs every test; switching back is exact again.
@Suite("Environment")
struct EnvironmentTests {
  /// The data sets Sieve keeps for other environments, beside `.sieve/sieve.db`.
  static func keptDataSets(in project: SieveProject) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: project.path + "/.sieve")
      .filter { $0.hasPrefix("sieve.env-") && $0.hasSuffix(".db") }
  }

  @Test("A package installed without any file changing runs every test; removing it is exact")
  func packagesChanged() throws {
    // Given a recorded project, with an extra package directory on PYTHONPATH
    let project = try SieveProject()
    let extra = project.path + "/../sieve-extra-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: extra, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: extra) }
    let environment = ["PYTHONPATH": extra]
    try project.run(environment: environment)
    // When a distribution appears there, and nothing in the repository changes
    let info = extra + "/fakepkg-1.0.dist-info"
    try FileManager.default.createDirectory(atPath: info, withIntermediateDirectories: true)
    try "Metadata-Version: 2.1\nName: fakepkg\nVersion: 1.0\n".write(
      toFile: info + "/METADATA", atomically: true, encoding: .utf8)
    // Then Sieve sees it without Python, and runs everything
    let affected = try project.sieve(["affected", "--json"], environment: environment)
    #expect(affected.stdout.contains("\"environmentChanged\""), "\(affected.stdout)")
    let run = try project.run(environment: environment)
    #expect(run.ranTests.count == BasicTests.count)
    #expect(run.stderr.contains("running every test: the installed packages changed"))
    #expect(try project.run(environment: environment).ranTests.isEmpty)
    // And removing the package again switches back to the first data set, kept
    try FileManager.default.removeItem(atPath: info)
    #expect(try project.run(environment: environment).ranTests.isEmpty)
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try project.run(environment: environment).ranTests == [BasicTests.multiply])
    #expect(try Self.keptDataSets(in: project).count == 1)
    let status = try project.sieve(["status"], environment: environment)
    #expect(status.stdout.contains("kept:      1 other environment"), "\(status.stdout)")
    #expect(status.stdout.contains("interpreter:"))
  }

  @Test("A database from before environments were probed selects as before and is upgraded")
  func olderDatabase() throws {
    // Given a database whose meta holds only what the previous Sieve recorded
    let project = try SieveProject()
    try project.run()
    let forget = """
      import sqlite3
      c = sqlite3.connect('.sieve/sieve.db')
      c.execute("DELETE FROM meta WHERE key NOT IN ('commit', 'lastRun', 'python', "
                "'implementation', 'collector', 'pytest', 'packages')")
      c.commit()
      """
    #expect(try Shell.run("python3", ["-c", forget], in: project.path).status == 0)
    // Then nothing runs when nothing changed, an edit selects as usual, and the run upgrades it
    #expect(try project.run().ranTests.isEmpty)
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try project.run().ranTests == [BasicTests.multiply])
    #expect(try Self.keptDataSets(in: project).isEmpty, "the same environment: no second data set")
    #expect(try project.sieve("status", "--json").stdout.contains("\"interpreter\""))
  }

  @Test("A tracked variable's change runs every test and names it, never its value")
  func trackedVariable() throws {
    // Given a project that tracks APP_MODE, with a test that reads it
    let project = try SieveProject()
    try project.write(
      "[tool.sieve]\nenvironment-variables = [\"APP_MODE\"]\n", to: "pyproject.toml")
    try project.write(
      "import os\n\n\ndef test_mode():\n    assert os.environ[\"APP_MODE\"] == \"alpha-secret\"\n",
      to: "tests/test_mode.py")
    try project.repository.commit("Track APP_MODE")
    let alpha = ["APP_MODE": "alpha-secret"]
    let beta = ["APP_MODE": "beta-secret"]
    #expect(try project.run(environment: alpha).status == 0)
    #expect(try project.run(environment: alpha).ranTests.isEmpty)
    // When the variable changes, every test runs: the one that reads it fails
    let changed = try project.run(environment: beta)
    #expect(changed.ranTests.count == BasicTests.count + 1)
    #expect(changed.status == 1)
    #expect(changed.stderr.contains("the environment variable APP_MODE changed"))
    #expect(!changed.stderr.contains("secret"))
    let status = try project.sieve(["status"], environment: beta)
    #expect(!status.stdout.contains("secret") && !status.stderr.contains("secret"))
    // Then switching back is exact: each value has its own data
    #expect(try project.run(environment: alpha).ranTests.isEmpty)
    let again = try project.run(environment: beta)
    #expect(again.ranTests == ["tests/test_mode.py::test_mode"], "it failed under beta")
    #expect(again.status == 1)
    let database = try String(
      contentsOfFile: project.path + "/.sieve/sieve.db", encoding: .isoLatin1)
    #expect(!database.contains("secret"), "only a digest of the value is stored")
  }

  @Test(
    "Switching between two interpreters runs everything once, then selects exactly in each",
    .enabled(if: CollectorTests.modernPython != nil, "needs Python 3.12+ with pytest"))
  func interpreterChanged() throws {
    let python = try #require(CollectorTests.modernPython)
    let project = try SieveProject()
    try project.run()
    let switched = try project.run(python: python)
    #expect(switched.ranTests.count == BasicTests.count)
    #expect(switched.stderr.contains("running every test: the interpreter changed"))
    #expect(switched.stderr.contains(", was cpython 3.11"), "names the version it leaves")
    #expect(try project.run().ranTests.isEmpty, "the python3 data was kept")
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try project.run().ranTests == [BasicTests.multiply])
    #expect(try project.run(python: python).ranTests == [BasicTests.multiply])
    #expect(try project.run(python: python).ranTests.isEmpty)
    #expect(try Self.keptDataSets(in: project).count == 1)
  }

  /// The pyenv version of ``CollectorTests/modernPython`` when `python3` is a pyenv shim.
  static let shimVersion: String? = {
    guard let python = CollectorTests.modernPython, python.contains("/versions/") else {
      return nil
    }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let shim = path.split(separator: ":").map { "\($0)/python3" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let shim, shim.contains("/shims/") else { return nil }
    return python.components(separatedBy: "/versions/").last?.split(separator: "/").first
      .map(String.init)
  }()

  @Test(
    "A version manager's shim that picks another Python runs everything, with nothing changed",
    .enabled(if: shimVersion != nil, "needs python3 to be a pyenv shim, and Python 3.12+"))
  func shimSelectsAnotherPython() throws {
    // Given a project recorded through the python3 shim
    let version = try #require(Self.shimVersion)
    let project = try SieveProject()
    try project.run(environment: ["PYENV_VERSION": ""])
    // When the shim is told to run another Python, and no file changes
    let other = ["PYENV_VERSION": version]
    let run = try project.run(environment: other)
    // Then every test runs, in that Python; and each Python keeps its own data
    #expect(run.ranTests.count == BasicTests.count, "\(run.stderr)")
    #expect(run.stderr.contains("shim selects changed"))
    #expect(try project.run(environment: other).ranTests.isEmpty)
    #expect(try project.run(environment: ["PYENV_VERSION": ""]).ranTests.isEmpty)
  }
}
