import Foundation
import SieveModel
import TOMLKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The user's rules for Sieve, from `[tool.sieve]` in `pyproject.toml` or from `.sieve.toml`.
///
/// ```toml
/// [tool.sieve]
/// run-everything = ["Dockerfile", "requirements*.txt", "*.lock"]   # the default
/// ignore = ["docs/*", "*.md"]
/// always-run = ["tests/test_smoke.py::*"]
/// store = "https://cache.example.com/sieve"   # where baselines are published and fetched
/// environment-variables = ["DJANGO_SETTINGS_MODULE"]
/// warm = false   # no warm pytest workers on developers' machines (see `sieve run --warm`)
/// ```
///
/// Patterns are shell globs matched against the repository-relative path and against the file
/// name alone; `*` also matches `/`.
public struct Configuration: Sendable, Equatable {
  /// Files whose change runs every test.
  public var runEverything: [String]
  /// Files whose change never selects a test (documentation, say).
  public var ignore: [String]
  /// Node ids (globs) of tests that run on every run.
  public var alwaysRun: [String]
  /// The baseline store (a directory, `file://` or `http(s)://` URL), or `nil` for none.
  public var store: String?
  /// Environment variables whose values are part of the test environment, besides
  /// ``implicitEnvironmentVariables``: a change runs every test.
  public var environmentVariables: [String]
  /// Whether `sieve run` may keep a warm pytest worker on a developer's machine: `false`
  /// turns the default off (``WarmMode/applying(rule:)``); `nil` when the rules leave it out.
  public var warm: Bool? = nil
  /// The file the rules came from, repository-relative, or `nil` for the defaults.
  public var source: String?

  /// The rules when the user wrote none.
  public static let defaults = Configuration(
    runEverything: ["Dockerfile", "requirements*.txt", "*.lock"], ignore: [], alwaysRun: [],
    store: nil, environmentVariables: [], source: nil)

  /// Variables that change what Python imports, tracked whatever the user configures.
  public static let implicitEnvironmentVariables = ["PYTHONHOME", "PYTHONPATH"]

  /// Every variable whose value is part of the environment, sorted and without repeats.
  public var trackedEnvironmentVariables: [String] {
    Array(Set(Self.implicitEnvironmentVariables + environmentVariables)).sorted()
  }

  /// The files the rules are read from, at the repository root, in the order they are tried.
  public static let fileNames = [".sieve.toml", "pyproject.toml"]

  /// Reads the rules of the repository at `root`: `.sieve.toml` if present (its keys at the top
  /// level or under `[tool.sieve]`), else `[tool.sieve]` in `pyproject.toml`, else the defaults.
  ///
  /// - Parameter root: The repository root.
  /// - Returns: The rules; keys the user leaves out keep their defaults.
  /// - Throws: ``ConfigurationError`` for a file that is not valid TOML or a key of the
  ///   wrong type.
  public static func load(repositoryRoot root: String) throws(ConfigurationError) -> Configuration {
    for name in fileNames {
      let path = root + "/" + name
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      let text = String(decoding: data, as: UTF8.self)
      if name == "pyproject.toml" && !text.contains("tool.sieve") { continue }
      let document: TOMLTable
      do {
        document = try TOMLTable(string: text)
      } catch {
        throw .invalid(path: name, reason: String(describing: error))
      }
      let table = document["tool"]?["sieve"]?.table ?? (name == ".sieve.toml" ? document : nil)
      guard let table else { continue }
      var configuration = defaults
      configuration.source = name
      configuration.runEverything =
        try strings(table, "run-everything", in: name) ?? defaults.runEverything
      configuration.ignore = try strings(table, "ignore", in: name) ?? []
      configuration.alwaysRun = try strings(table, "always-run", in: name) ?? []
      if let value = table["store"] {
        guard let text = value.string else { throw .wrongType(path: name, key: "store") }
        configuration.store = text
      }
      configuration.environmentVariables =
        try strings(table, "environment-variables", in: name) ?? []
      if let value = table["warm"] {
        guard let flag = value.bool else { throw .wrongType(path: name, key: "warm") }
        configuration.warm = flag
      }
      return configuration
    }
    return defaults
  }

  private static func strings(
    _ table: TOMLTable, _ key: String, in file: String
  ) throws(ConfigurationError) -> [String]? {
    guard let value = table[key] else { return nil }
    guard let array = value.array else { throw .wrongType(path: file, key: key) }
    var result: [String] = []
    for element in array {
      guard let text = element.string else { throw .wrongType(path: file, key: key) }
      result.append(text)
    }
    return result
  }

  /// The first `run-everything` pattern a path matches, if any.
  public func runEverythingPattern(matching path: RepoPath) -> String? {
    runEverything.first { Self.matches($0, path.value) }
  }

  /// Whether changes to a path are ignored.
  public func ignores(_ path: RepoPath) -> Bool {
    ignore.contains { Self.matches($0, path.value) }
  }

  /// Whether a test must run on every run.
  public func alwaysRuns(_ test: TestID) -> Bool {
    alwaysRun.contains { fnmatch($0, test.value, 0) == 0 }
  }

  private static func matches(_ pattern: String, _ path: String) -> Bool {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return fnmatch(pattern, path, 0) == 0 || fnmatch(pattern, name, 0) == 0
  }
}

/// Why the user's Sieve rules could not be read.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file is not valid TOML.
  case invalid(path: String, reason: String)
  /// A key holds a value of the wrong type (a list of strings, a string or a Boolean).
  case wrongType(path: String, key: String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .invalid(let path, let reason):
      "\(path) is not valid TOML (\(reason)). Fix the file; Sieve reads its rules from it."
    case .wrongType(let path, let key) where key == "warm":
      "warm in \(path) must be true or false. Fix the value."
    case .wrongType(let path, let key) where key == "store":
      "store in \(path) must be a string, such as \"https://cache.example.com/sieve\". Fix the value."
    case .wrongType(let path, let key):
      "\(key) in \(path) must be a list of strings, such as [\"docs/*\"]. Fix the value."
    }
  }
}
