import Foundation
import XCTest

/// Runs the package's own program, as tests of command-line tools do.
final class ProgramTests: XCTestCase {
  func testProgramPrintsArea() throws {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let process = Process()
    process.executableURL = directory.appendingPathComponent("shapes-area")
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(String(decoding: data, as: UTF8.self), "4\n")
  }
}
