import Foundation
import SieveTestSupport
import Testing

/// `sieve run -j N`: several pytest processes on one machine, recorded once.
@Suite("Local workers")
struct WorkersTests {
  @Test("-j 2 records the same tests, outcomes and dependencies as a serial run")
  func workersMatchSerialRun() throws {
    // Given two copies of the same project, one run serially and one with two workers
    let serial = try SieveProject()
    let parallel = try SieveProject()
    let one = try serial.run()
    let two = try parallel.run("-j", "2")

    // Then both ran every test and recorded the same database contents
    #expect(one.status == 0 && two.status == 0, "\(two.stderr)")
    #expect(two.ranTests == one.ranTests)
    #expect(two.ranTests.count == BasicTests.count)
    #expect(two.stderr.contains("2 workers"))
    #expect(two.stderr.contains("output of worker 1 (SIEVE_WORKER=1"))
    let serialRows = try SieveDatabase.testsWithDependencies(in: serial.path + "/.sieve/sieve.db")
    let parallelRows = try SieveDatabase.testsWithDependencies(
      in: parallel.path + "/.sieve/sieve.db")
    #expect(!serialRows.isEmpty)
    #expect(parallelRows == serialRows)

    // And an edit selects the same tests in both
    for project in [serial, parallel] {
      try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    }
    #expect(try parallel.affected() == serial.affected())
    #expect(try parallel.run("-j", "2").ranTests == [BasicTests.multiply])
  }

  @Test("Each worker sees its own SIEVE_WORKER")
  func workerVariable() throws {
    let project = try SieveProject()
    try project.write(
      """
      import os


      def test_worker_a():
          print("worker-a=" + os.environ["SIEVE_WORKER"])


      def test_worker_b():
          print("worker-b=" + os.environ["SIEVE_WORKER"])
      """, to: "tests/test_worker.py")
    try project.run()
    try project.edit(
      "tests/test_worker.py", replacing: "import os\n", with: "import os  # \n\nX = 1\n")
    let run = try project.sieve(
      ["run", "-j", "2", "--", "python3", "-m", "pytest", "-s", "-q", "-p", "no:cacheprovider"])
    #expect(run.status == 0, "\(run.stderr)")
    let seen = Set(
      run.stdout.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("worker-") }
        .map { String($0.split(separator: "=").last ?? "") })
    #expect(seen == ["0", "1"], "\(run.stdout)")
  }

  @Test("--junitxml writes one report for all workers")
  func junitForWorkers() throws {
    let project = try SieveProject()
    let run = try project.run("-j", "2", "--junitxml", "report.xml")
    #expect(run.status == 0, "\(run.stderr)")
    let xml = try project.read("report.xml")
    #expect(xml.contains("<testsuites name=\"pytest tests\" tests=\"9\" failures=\"0\""))
    #expect(xml.components(separatedBy: "<testcase ").count - 1 == 9)
  }

  @Test("With nothing affected, --junitxml still writes a report, with no tests")
  func junitWhenNothingAffected() throws {
    let project = try SieveProject()
    try project.run()
    let run = try project.run("--junitxml", "report.xml")
    #expect(run.status == 0)
    #expect(try project.read("report.xml").contains("tests=\"0\""))
  }

  @Test("pytest's own --junitxml with -j is a usage error that says what to pass instead")
  func pytestJUnitWithWorkers() throws {
    let project = try SieveProject()
    let run = try project.sieve([
      "run", "-j", "2", "--", "python3", "-m", "pytest", "--junitxml=x.xml",
    ])
    #expect(run.status == 64)
    #expect(run.stderr.contains("Pass --junitxml PATH to sieve run"))
  }

  @Test(
    "With pytest-xdist's -n 2, coverage from its workers reaches the database",
    .enabled(
      if: WorkersTests.hasXdist, "pytest-xdist is not installed (Scripts/bootstrap installs it)"))
  func xdistWorkers() throws {
    let serial = try SieveProject()
    let xdist = try SieveProject()
    try serial.run()
    let result = try xdist.sieve(
      ["run", "--", "python3", "-m", "pytest", "-v", "-p", "no:cacheprovider", "-n", "2"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try SieveDatabase.testsWithDependencies(in: xdist.path + "/.sieve/sieve.db")
        == SieveDatabase.testsWithDependencies(in: serial.path + "/.sieve/sieve.db"))
  }

  @Test(
    "With pytest-xdist's -n 2 on 48 tests, every test reaches the database as in a serial run",
    .enabled(
      if: WorkersTests.hasXdist, "pytest-xdist is not installed (Scripts/bootstrap installs it)"))
  func xdistManyTests() throws {
    let serial = try SieveProject(fixture: "pytest-many")
    let xdist = try SieveProject(fixture: "pytest-many")
    try serial.run()
    let result = try xdist.sieve(
      ["run", "--", "python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("recorded 48 tests"))
    #expect(
      try SieveDatabase.testsWithDependencies(in: xdist.path + "/.sieve/sieve.db")
        == SieveDatabase.testsWithDependencies(in: serial.path + "/.sieve/sieve.db"))
  }

  static var hasXdist: Bool {
    (try? Shell.run("python3", ["-c", "import xdist"], in: "/").status) == 0
  }
}
