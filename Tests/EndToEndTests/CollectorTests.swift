import Foundation
import SieveTestSupport
import Testing

/// The two collectors: `sys.monitoring` on Python 3.12+, coverage.py before.
@Suite("Collectors")
struct CollectorTests {
  /// A Python 3.12+ interpreter with pytest, from pyenv, if this machine has one.
  static let modernPython: String? = {
    let root = (try? Shell.output("pyenv", ["root"], in: "/")) ?? ""
    guard !root.isEmpty else { return nil }
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root + "/versions")) ?? []
    for version in versions.sorted()
    where version.hasPrefix("3.12") || version.hasPrefix("3.13") {
      let python = "\(root)/versions/\(version)/bin/python"
      if let result = try? Shell.run(python, ["-c", "import pytest"], in: "/"), result.status == 0 {
        return python
      }
    }
    return nil
  }()

  @Test(
    "sys.monitoring records what each test ran, and selection works the same",
    .enabled(if: modernPython != nil, "needs Python 3.12+ with pytest (Scripts/bootstrap)"))
  func systemMonitoring() throws {
    let python = try #require(Self.modernPython)
    let project = try SieveProject()
    let first = try project.run(python: python)
    #expect(first.ranTests.count == BasicTests.count, "\(first.stderr)")
    let status = try project.sieve("status", "--json")
    #expect(status.stdout.contains("\"collector\" : \"sysmon\""), "\(status.stdout)")
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try project.affected() == [BasicTests.multiply])
    try project.edit("app/config.py", replacing: "LIMIT = 10", with: "LIMIT = 20")
    #expect(try project.affected().contains(BasicTests.clamp))
    #expect(try project.run(python: python).ranTests.contains(BasicTests.clamp))
  }

  @Test("coverage.py is used below Python 3.12 and can be forced on newer ones")
  func coverageCollector() throws {
    let project = try SieveProject()
    try project.run(environment: ["SIEVE_COLLECTOR": "coverage"])
    let status = try project.sieve("status", "--json")
    #expect(status.stdout.contains("\"collector\" : \"coverage\""), "\(status.stdout)")
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    #expect(try project.affected() == [BasicTests.multiply])
  }

  @Test("coverage.py: a thread that runs across tests records its lines for the test they ran in")
  func coverageThreadAcrossTests() throws {
    let project = try SieveProject()
    try project.write(
      """
      import threading
      import time

      stop = threading.Event()


      def spin():
          while not stop.is_set():
              time.sleep(0.001)
          return "stopped"


      def later():
          return "later"


      def start():
          thread = threading.Thread(target=spin)
          thread.start()
          return thread

      """, to: "app/worker.py")
    try project.write(
      """
      from app import worker

      THREADS = []


      def test_start():
          THREADS.append(worker.start())


      def test_later():
          assert worker.later() == "later"


      def test_stop():
          worker.stop.set()
          THREADS[0].join()

      """, to: "tests/test_worker.py")
    try project.repository.commit("A thread that outlives its test")
    let first = try project.run(environment: ["SIEVE_COLLECTOR": "coverage"])
    #expect(first.ranTests.contains("tests/test_worker.py::test_stop"), "\(first.stderr)")
    // `return "stopped"` runs in the thread's frame, started in test_start, during test_stop.
    try project.edit("app/worker.py", replacing: "return \"stopped\"", with: "return \"done\"")
    #expect(try project.affected().contains("tests/test_worker.py::test_stop"))
    try project.edit("app/worker.py", replacing: "return \"done\"", with: "return \"stopped\"")
    try project.edit(
      "app/worker.py", replacing: "return \"later\"", with: "return \"later\" + \"\"")
    #expect(try project.affected() == ["tests/test_worker.py::test_later"])
  }

  @Test(
    "sys.monitoring records a function for every test that runs it, and only for those",
    .enabled(if: modernPython != nil, "needs Python 3.12+ with pytest (Scripts/bootstrap)"))
  func systemMonitoringEveryTest() throws {
    let python = try #require(Self.modernPython)
    let project = try SieveProject()
    try project.write(
      """
      def helper(x):
          return x + 1

      """, to: "app/shared.py")
    try project.write(
      """
      from app.shared import helper


      def test_one():
          assert helper(1) == 2


      def test_other():
          pass


      def test_two():
          assert helper(2) == 3

      """, to: "tests/test_shared.py")
    try project.repository.commit("A helper two tests call")
    let first = try project.run(python: python)
    #expect(first.ranTests.contains("tests/test_shared.py::test_two"), "\(first.stderr)")
    // `helper` starts on line 1, like the module's own code, which every importer ran.
    try project.edit("app/shared.py", replacing: "return x + 1", with: "return 1 + x")
    #expect(
      try project.affected() == [
        "tests/test_shared.py::test_one", "tests/test_shared.py::test_two",
      ])
  }
}
