import Foundation
import SieveRun
import Testing

@Suite("Running child processes a few at a time")
struct ChildProcessPoolTests {
  @Test("Each runs in its own directory, the next starts when one ends, and each is reported once")
  func pool() async throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sieve-pool-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    // The first sleeps longest: with two at a time, the others finish before it.
    let sleeps = ["0.6", "0.05", "0.05", "0.05"]
    let processes = sleeps.enumerated().map { index, seconds in
      ChildProcess(
        executable: "/bin/sh", arguments: ["-c", "sleep \(seconds); pwd; exit \(index)"],
        workingDirectory: "/tmp", outputPath: scratch + "/\(index).log")
    }
    var ended: [Int] = []
    try await ChildProcess.runPooled(processes, width: 2) { index, code, seconds in
      #expect(code == Int32(index))
      #expect(seconds > 0)
      ended.append(index)
    }
    #expect(Set(ended) == [0, 1, 2, 3])
    #expect(ended.count == 4)
    #expect(ended.last == 0, "the slow one ends last: the pool did not wait for it")
    for index in 0..<4 {
      let log = try String(contentsOfFile: scratch + "/\(index).log", encoding: .utf8)
      #expect(log == "/tmp\n")
    }
  }

  @Test("A program that does not exist is an error")
  func missing() async throws {
    await #expect(throws: RunError.self) {
      try await ChildProcess.runPooled(
        [ChildProcess(executable: "sieve-no-such-program", arguments: [])], width: 1
      ) { _, _, _ in }
    }
  }
}
