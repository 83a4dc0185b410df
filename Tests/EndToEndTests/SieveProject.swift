import Foundation
import SieveTestSupport

/// A fixture project in a fresh git repository, with the built `sieve` to run in it.
final class SieveProject: Sendable {
  let repository: GitFixture
  var path: String { repository.path }

  /// Copies a fixture project into a new repository and commits it.
  init(fixture: String = "pytest-basic") throws {
    repository = try GitFixture()
    try FixtureProjects.copy(named: fixture, to: repository.directory)
    try repository.commit("Fixture")
  }

  /// The result of one command.
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Node ids pytest reported with `-v`, whatever their outcome.
    var ranTests: Set<String> {
      var ids = Set<String>()
      for line in stdout.split(separator: "\n") {
        for outcome in [" PASSED", " FAILED", " ERROR", " SKIPPED", " XFAIL", " XPASS"] {
          if let range = line.range(of: outcome), line.contains("::") {
            ids.insert(String(line[..<range.lowerBound]))
            break
          }
        }
      }
      return ids
    }

    /// Non-empty stdout lines.
    var lines: [String] {
      stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
  }

  /// Blank CI shard variables, so that tests run whole even in a parallel CI job.
  static let noShards = Dictionary(
    uniqueKeysWithValues: [
      "CI_NODE_INDEX", "CI_NODE_TOTAL", "BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT",
      "CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL",
    ].map { ($0, "") })

  /// The built `sieve` executable, beside the test bundle.
  static var sieveExecutable: String {
    let bundle = Bundle.main.bundleURL
    for candidate in [bundle, bundle.deletingLastPathComponent()] {
      let path = candidate.appendingPathComponent("sieve").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(".build/debug/sieve").path
  }

  /// Runs `sieve` with arguments in the project.
  @discardableResult
  func sieve(_ arguments: String..., environment: [String: String] = [:]) throws -> Output {
    try sieve(arguments, environment: environment)
  }

  /// Runs `sieve` (or another build of it) with arguments in the project.
  @discardableResult
  func sieve(
    _ arguments: [String], environment: [String: String] = [:],
    executable: String = sieveExecutable
  ) throws -> Output {
    let result = try Shell.run(
      executable, arguments, in: path,
      environment: GitFixture.environment.merging(Self.noShards) { $1 }
        .merging(environment) { $1 })
    return Output(status: result.status, stdout: result.stdout, stderr: result.stderr)
  }

  /// Runs `sieve run -- <python> -m pytest -v -p no:cacheprovider`.
  @discardableResult
  func run(
    _ extra: String..., python: String = "python3", environment: [String: String] = [:]
  ) throws -> Output {
    try sieve(
      ["run"] + extra + ["--", python, "-m", "pytest", "-v", "-p", "no:cacheprovider"],
      environment: environment)
  }

  /// The ids `sieve affected` prints.
  func affected() throws -> Set<String> {
    Set(try sieve("affected").lines)
  }

  func write(_ text: String, to relativePath: String) throws {
    try repository.write(text, to: relativePath)
  }

  func read(_ relativePath: String) throws -> String {
    try repository.read(relativePath)
  }

  /// Replaces the first occurrence of `old` in a file.
  func edit(_ relativePath: String, replacing old: String, with new: String) throws {
    let text = try read(relativePath)
    guard let range = text.range(of: old) else {
      throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: relativePath])
    }
    try write(text.replacingCharacters(in: range, with: new), to: relativePath)
  }
}

/// The fixture's tests, by name.
enum BasicTests {
  static let add = "tests/test_calc.py::test_add"
  static let multiply = "tests/test_calc.py::test_multiply"
  static let clamp = "tests/test_calc.py::test_clamp"
  static let shout = "tests/test_text.py::test_shout"
  static let whisperPrefix = "tests/test_text.py::test_whisper["
  static let limitIsSmall = "tests/test_limits.py::test_limit_is_small"
  static let calc: Set<String> = [add, multiply, clamp]
  static let count = 9
}
