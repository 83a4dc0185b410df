import Foundation
import SieveModel

/// The user's pytest command line, with Sieve's collector plugin added.
public struct PytestCommand: Sendable, Equatable {
  /// The program to start.
  public var executable: String
  /// The arguments after it, with `-p sieve_pytest.plugin` inserted.
  public var arguments: [String]
  /// The user's own pytest arguments, without the program and `-m pytest`.
  public var userArguments: [String]

  /// The module path pytest loads the collector from.
  public static let pluginModule = "sieve_pytest.plugin"

  /// Builds the command from the words after `--`.
  ///
  /// `pytest ARGS` and `python -m pytest ARGS` are understood (the plugin option goes after
  /// `-m MODULE`, also for an interpreter named otherwise, such as a wrapper script followed
  /// by `-m`); with no words, `python3 -m pytest` is used.
  ///
  /// - Parameter words: The command and its arguments, as the user typed them.
  public init(words: [String]) {
    let command = words.isEmpty ? ["python3", "-m", "pytest"] : words
    let program = command[0]
    let name = program.split(separator: "/").last.map(String.init) ?? program
    var prefix = [String]()
    var rest = Array(command.dropFirst())
    if name.hasPrefix("python") || rest.first == "-m" {
      // Keep interpreter options (`-X dev`, `-W error`, `-u`) and `-m MODULE` (or a script)
      // before the plugin option, which belongs to pytest.
      var index = 0
      while index < rest.count {
        let word = rest[index]
        if word == "-m" || ["-X", "-W"].contains(word) {
          index += 2
          if word == "-m" { break }
        } else if word.hasPrefix("-") {
          index += 1
        } else {
          index += 1
          break
        }
      }
      index = min(index, rest.count)
      prefix = Array(rest[..<index])
      rest.removeFirst(index)
    }
    executable = program
    userArguments = rest
    arguments = prefix + ["-p", Self.pluginModule] + rest
  }

  /// Whether the user named single tests (`file::test`), so that pytest collects only part
  /// of a file.
  public var namesSingleTests: Bool {
    userArguments.contains { $0.contains("::") }
  }

  /// The user's pytest arguments as JSON text: what a never-run test remembers as the
  /// arguments that deselected it.
  ///
  /// `nil` when the arguments deselect by pytest's cache rather than by themselves (`--lf`,
  /// `--ff`, `--nf`, `--sw`): the same words can then select other tests, so no deselection
  /// made with them is trusted.
  public var selectionArguments: String? {
    let cacheDependent = [
      "--lf", "--last-failed", "--ff", "--failed-first", "--nf", "--new-first", "--sw",
      "--stepwise", "--sw-skip", "--stepwise-skip", "--lfnf", "--last-failed-no-failures",
    ]
    if userArguments.contains(where: { word in
      cacheDependent.contains { word == $0 || word.hasPrefix($0 + "=") }
    }) {
      return nil
    }
    let data = (try? JSONEncoder().encode(userArguments)) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  /// The Python interpreter the command starts, found without starting anything.
  ///
  /// The program is looked up on `PATH`; a script whose `#!` line names a Python (a venv's
  /// `pytest`, `#!/usr/bin/env python3`) is followed, once. A symbolic link is not resolved:
  /// a venv's `bin/python` names the venv, not the Python it links to. Anything else — a
  /// version manager's shim, a wrapper such as `tox` — is its own key.
  ///
  /// - Parameter directory: The directory relative program paths start from.
  /// - Returns: An absolute path, or the program's name when it cannot be found.
  public func interpreter(relativeTo directory: String) -> String {
    let found = executablePath(relativeTo: directory)
    guard let handle = FileHandle(forReadingAtPath: found) else { return found }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 256)) ?? Data()
    guard head.starts(with: Array("#!".utf8)) else { return found }
    let line = String(
      decoding: head.dropFirst(2).prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard var target = words.first else { return found }
    if target.hasSuffix("/env"), let name = words.dropFirst().first(where: { !$0.hasPrefix("-") }) {
      target = Self.absolute(ExecutableSearch.resolve(name), relativeTo: directory)
    }
    let name = target.split(separator: "/").last.map(String.init) ?? target
    return name.hasPrefix("python") || name.hasPrefix("pypy") ? target : found
  }

  /// The files ``interpreter(relativeTo:)`` depends on: the executable it finds (its `#!`
  /// line) and, when a name is looked up, every directory on `PATH`, since a program added
  /// to an earlier one would be found instead.
  ///
  /// - Parameters:
  ///   - directory: The directory pytest starts in.
  ///   - path: The `PATH` the lookup uses.
  /// - Returns: Absolute paths, present or not.
  public func interpreterSources(relativeTo directory: String, path: String?) -> [String] {
    let directories = (path ?? "").split(separator: ":").map {
      Self.absolute(String($0), relativeTo: directory)
    }
    return [executablePath(relativeTo: directory)] + directories
  }

  /// The program the command starts, found on `PATH` when it is a bare name, absolute.
  private func executablePath(relativeTo directory: String) -> String {
    Self.absolute(ExecutableSearch.resolve(executable), relativeTo: directory)
  }

  private static func absolute(_ path: String, relativeTo directory: String) -> String {
    guard path.contains("/"), !path.hasPrefix("/") else { return path }
    return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
  }
}
