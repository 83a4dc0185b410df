import Foundation
import SieveRun

/// How one test ended when run on its own.
public struct SwiftTestResult: Sendable {
  /// The test.
  public var test: SwiftTest
  /// The bundle's exit code: 0 when the test passed (or was skipped).
  public var exitCode: Int32
  /// Wall-clock seconds of its process.
  public var duration: Double
  /// The file holding what the process printed.
  public var logPath: String
  /// The directory holding the raw LLVM profiles of the test's process and of any
  /// instrumented program of the package it started, one per process.
  public var profileDirectory: String

  /// Creates a result.
  ///
  /// - Parameters:
  ///   - test: The test.
  ///   - exitCode: The bundle's exit code.
  ///   - duration: Wall-clock seconds of its process.
  ///   - logPath: The file holding what the process printed.
  ///   - profileDirectory: The directory holding the raw LLVM profiles the test wrote.
  public init(
    test: SwiftTest, exitCode: Int32, duration: Double, logPath: String, profileDirectory: String
  ) {
    self.test = test
    self.exitCode = exitCode
    self.duration = duration
    self.logPath = logPath
    self.profileDirectory = profileDirectory
  }

  /// The raw profiles the test's processes wrote, sorted.
  public var profiles: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: profileDirectory)) ?? []
    return names.filter { $0.hasSuffix(".profraw") }.sorted().map { profileDirectory + "/" + $0 }
  }
}

/// Runs tests one per process, each writing its own LLVM profile, a few processes at a time.
///
/// One process per test is what lets Sieve attribute coverage to a single test: the profile
/// runtime writes the counters of the whole process when it exits.
public struct SwiftTestRunner: Sendable {
  /// The test bundle.
  public var bundle: SwiftTestBundle
  /// The package directory, where the tests run.
  public var workingDirectory: String
  /// Where logs and profiles go.
  public var scratch: String
  /// How many test processes run at once.
  public var concurrency: Int

  /// Creates a runner.
  ///
  /// - Parameters:
  ///   - bundle: The test bundle.
  ///   - workingDirectory: The package directory.
  ///   - scratch: Where logs and profiles go.
  ///   - concurrency: How many test processes run at once (at least 1).
  public init(bundle: SwiftTestBundle, workingDirectory: String, scratch: String, concurrency: Int)
  {
    self.bundle = bundle
    self.workingDirectory = workingDirectory
    self.scratch = scratch
    self.concurrency = max(1, concurrency)
  }

  /// Runs the tests, at most ``concurrency`` processes at a time, calling `onEnd` as each
  /// ends.
  ///
  /// - Parameters:
  ///   - tests: The tests, in the order to start them.
  ///   - onEnd: Called with each result, in the order the tests end.
  /// - Throws: A `RunError` when the bundle cannot be started, or what `onEnd` throws.
  public func run(_ tests: [SwiftTest], onEnd: (SwiftTestResult) async throws -> Void)
    async throws
  {
    let processes = try tests.enumerated().map { index, test in
      try FileManager.default.createDirectory(
        atPath: profileDirectory(index), withIntermediateDirectories: true)
      // `%p`: the test's process and every instrumented program it starts (the package's own
      // executables inherit the variable) each write a profile of their own.
      return ChildProcess(
        executable: bundle.executable, arguments: bundle.arguments(running: test),
        environment: ["LLVM_PROFILE_FILE": profileDirectory(index) + "/%p.profraw"],
        workingDirectory: workingDirectory, outputPath: logPath(index))
    }
    try await ChildProcess.runPooled(processes, width: concurrency) { index, code, seconds in
      try await onEnd(
        SwiftTestResult(
          test: tests[index], exitCode: code, duration: seconds, logPath: logPath(index),
          profileDirectory: profileDirectory(index)))
    }
  }

  private func profileDirectory(_ number: Int) -> String { scratch + "/test-\(number)" }
  private func logPath(_ number: Int) -> String { scratch + "/test-\(number).log" }
}
