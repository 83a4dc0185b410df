import Foundation
import SieveRun
import Testing

@Suite("Running child processes a few at a time")
struct ChildProcessPoolTests {
  @Test("Each runs in its own directory, never more than the width at once, each reported once")
  func pool() async throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sieve-pool-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let events = scratch + "/events"
    let sleeps = ["0.3", "0.05", "0.05", "0.05", "0.1"]
    let processes = sleeps.enumerated().map { index, seconds in
      ChildProcess(
        executable: "/bin/sh",
        arguments: [
          "-c",
          "echo start >> \(events); sleep \(seconds); echo end >> \(events); pwd; exit \(index)",
        ],
        workingDirectory: "/tmp", outputPath: scratch + "/\(index).log")
    }
    var ended: [Int] = []
    try await ChildProcess.runPooled(processes, width: 2) { index, code, seconds in
      #expect(code == Int32(index))
      #expect(seconds > 0)
      ended.append(index)
    }
    #expect(ended.sorted() == [0, 1, 2, 3, 4])
    // However the machine schedules them, no more than two ever ran at once.
    var running = 0
    var most = 0
    for event in try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n") {
      running += event == "start" ? 1 : -1
      most = max(most, running)
    }
    #expect(most <= 2)
    #expect(running == 0)
    for index in 0..<5 {
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
