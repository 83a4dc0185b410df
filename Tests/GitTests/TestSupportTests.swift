import Foundation
import SieveTestSupport
import Testing

/// Checks of the shared test helpers, which have no test target of their own.
@Suite("SieveTestSupport")
struct TestSupportTests {
  @Test("A temporary directory writes and reads nested files, and is gone after remove()")
  func temporaryDirectory() throws {
    let directory = try TemporaryDirectory()
    try directory.write("hello\n", to: "a/b/c.txt")

    #expect(try directory.read("a/b/c.txt") == "hello\n")
    directory.remove()
    #expect(!FileManager.default.fileExists(atPath: directory.path))
  }

  @Test("Shell.run returns status, standard output and standard error separately")
  func shellRun() throws {
    let directory = try TemporaryDirectory()
    let result = try Shell.run(
      "sh", ["-c", "echo out; echo err >&2; exit 3"], in: directory.path)

    #expect(result.status == 3)
    #expect(result.stdout == "out\n")
    #expect(result.stderr == "err\n")
  }

  @Test("Shell.run does not deadlock when a command writes a lot to both streams")
  func shellRunLargeOutput() throws {
    let directory = try TemporaryDirectory()
    let result = try Shell.run(
      "sh",
      ["-c", "head -c 300000 /dev/zero | tr '\\0' a; head -c 300000 /dev/zero | tr '\\0' b >&2"],
      in: directory.path)

    #expect(result.stdout.count == 300_000)
    #expect(result.stderr.count == 300_000)
  }

  @Test("The fixture projects folder ships with the test support bundle")
  func fixturesFolder() throws {
    var isDirectory: ObjCBool = false
    #expect(
      FileManager.default.fileExists(
        atPath: try FixtureProjects.root.path, isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
  }
}
