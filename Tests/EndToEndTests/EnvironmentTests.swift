import Foundation
import Testing

/// Data recorded under one interpreter or package set says nothing about another.
@Suite("Environment")
struct EnvironmentTests {
  @Test("A newly installed package runs every test and says so")
  func packagesChanged() throws {
    let project = try SieveProject()
    try project.run()
    // A distribution that only importlib.metadata sees, on a PYTHONPATH entry.
    let extra = project.path + "/../sieve-extra-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: extra + "/fakepkg-1.0.dist-info", withIntermediateDirectories: true)
    try "Metadata-Version: 2.1\nName: fakepkg\nVersion: 1.0\n".write(
      toFile: extra + "/fakepkg-1.0.dist-info/METADATA", atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: extra) }
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let run = try project.run(environment: ["PYTHONPATH": extra])
    #expect(run.ranTests.count == BasicTests.count)
    #expect(run.stderr.contains("ran every test: the installed packages changed"))
    let again = try project.run(environment: ["PYTHONPATH": extra])
    #expect(again.ranTests.isEmpty, "the new environment is recorded")
  }

  @Test(
    "Another interpreter runs every test and names both versions",
    .enabled(if: CollectorTests.modernPython != nil, "needs Python 3.12+ with pytest"))
  func interpreterChanged() throws {
    let python = try #require(CollectorTests.modernPython)
    let project = try SieveProject()
    try project.run()
    try project.edit("app/calc.py", replacing: "return a * b", with: "return b * a")
    let run = try project.run(python: python)
    #expect(run.ranTests.count == BasicTests.count)
    #expect(run.stderr.contains("the interpreter changed (cpython 3.11"))
  }
}
