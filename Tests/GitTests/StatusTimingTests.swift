import Foundation
import SieveTestSupport
import Testing

@testable import SieveGit

/// Prints how long ``Repository/status()`` takes next to bare `git status` spawns.
///
/// A measurement, not an assertion: run it with
/// `SIEVE_GIT_TIMING=1 swift test --filter StatusTimingTests` and read the printed medians.
@Suite("Repository.status() timing")
struct StatusTimingTests {
  private static let runs = 20
  private static let arguments = [
    "status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all", "--no-renames",
  ]

  @Test(
    "Prints median times of status() and of spawning git status directly",
    .enabled(
      if: ProcessInfo.processInfo.environment["SIEVE_GIT_TIMING"] != nil,
      "a measurement; set SIEVE_GIT_TIMING=1 to print it")
  )
  func printTimings() async throws {
    // Given a repository with 200 committed files and a few changes
    let fixture = try GitFixture()
    for index in 0..<200 {
      try fixture.write("value = \(index)\n", to: "package\(index % 10)/module\(index).py")
    }
    try fixture.commit()
    try fixture.write("changed\n", to: "package0/module0.py")
    try fixture.write("new\n", to: "package0/new.py")
    let repository = Repository(root: fixture.path)
    let clock = ContinuousClock()

    let viaRepository = try await median {
      _ = try await repository.status()
    }
    let viaSubprocess = try await median {
      _ = try await GitCommand().run(Self.arguments, in: fixture.path)
    }
    let viaProcess = try await median {
      _ = try Shell.run("git", ["-C", fixture.path] + Self.arguments, in: fixture.path)
    }

    print(
      """
      status timing, median of \(Self.runs) runs (\(clock.minimumResolution) resolution):
        Repository.status()            \(viaRepository)
        git status, spawn and collect  \(viaSubprocess)
        Foundation Process git status  \(viaProcess)
      """)
  }

  private func median(_ body: () async throws -> Void) async throws -> Duration {
    let clock = ContinuousClock()
    try await body()  // warm up
    var durations: [Duration] = []
    for _ in 0..<Self.runs {
      durations.append(try await clock.measure(body))
    }
    return durations.sorted()[Self.runs / 2]
  }
}
