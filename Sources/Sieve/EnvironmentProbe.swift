import Foundation
import SieveBlocks
import SieveReplay

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What Sieve learns about the test environment without starting Python, and how that
/// compares with the environment a data set was recorded in.
///
/// The plugin records, with each run, where it found the installed distributions (the
/// directories on `sys.path`), a digest of their metadata folder names, and the modification
/// time and size of the interpreter binary. Sieve repeats that digest over the same
/// directories and checks the binary with one `stat`, so a changed environment is seen on the
/// decision path in about a millisecond; the plugin still checks the environment itself and
/// refuses a selection made for another one.
struct EnvironmentProbe: Sendable {
  /// The interpreter the pytest command names, absolute, symbolic links not resolved.
  var interpreter: String
  /// What ``interpreter`` resolves to through symbolic links.
  var interpreterTarget: String
  /// For each tracked environment variable, a digest of its value, or `unset`.
  var variables: [String: String]
  /// When ``interpreter`` is a version manager's shim, a digest of what makes it choose a
  /// Python (see ``shimSelection(files:environment:)``); otherwise `nil`.
  var shimSelection: String?
  /// When ``interpreter`` is a shim, the version files ``shimSelection`` was read from,
  /// present or not; otherwise empty.
  var shimFiles: [String]

  /// The prefix of the facts that hold a variable's digest.
  static let variablePrefix = "variable:"

  /// Probes the environment.
  ///
  /// - Parameters:
  ///   - interpreter: The interpreter the pytest command names.
  ///   - variableNames: The environment variables to track.
  ///   - environment: The process environment pytest will inherit.
  ///   - directory: The directory pytest starts in.
  init(
    interpreter: String, variableNames: [String], environment: [String: String],
    directory: String
  ) {
    self.interpreter = interpreter
    interpreterTarget = ResolvedPath.of(interpreter) ?? interpreter
    shimFiles =
      interpreter.contains("/shims/")
      ? Self.shimFiles(directory: directory, environment: environment) : []
    shimSelection =
      shimFiles.isEmpty ? nil : Self.shimSelection(files: shimFiles, environment: environment)
    var variables: [String: String] = [:]
    for name in variableNames {
      // A digest, so that the database never holds a value (a secret, say).
      variables[name] =
        environment[name].map { ContentHasher.hash(Array($0.utf8)).description }
        ?? "unset"
    }
    self.variables = variables
  }

  /// The facts Sieve records beside the plugin's.
  var facts: [String: String] {
    var facts = ["interpreter": interpreter, "interpreterTarget": interpreterTarget]
    for (name, digest) in variables { facts[Self.variablePrefix + name] = digest }
    facts["shimSelection"] = shimSelection
    return facts
  }

  /// Says which part of the environment differs from the one recorded in `recorded`.
  ///
  /// A part the data set did not record (a database from an older Sieve) is not compared;
  /// the plugin still compares the interpreter and the packages.
  ///
  /// - Parameter recorded: A data set's facts.
  /// - Returns: One phrase, such as `the installed packages changed`, or `nil` when every
  ///   recorded part matches.
  func change(from recorded: [String: String]) -> String? {
    let was = [recorded["implementation"], recorded["python"]].compactMap { $0 }
      .joined(separator: " ")
    let previous = was.isEmpty ? "" : ", was \(was)"
    if let old = recorded["interpreter"], old != interpreter {
      return "the interpreter changed (\(old) -> \(interpreter)\(previous))"
    }
    if let old = recorded["interpreterTarget"], old != interpreterTarget {
      return "the interpreter changed (\(interpreter) now runs \(interpreterTarget), not \(old))"
    }
    if let old = recorded["shimSelection"], old != shimSelection {
      return "the Python version the \(interpreter) shim selects changed (PYENV_VERSION or a"
        + " version file\(previous))"
    }
    if let executable = recorded["executable"], let stamp = recorded["executableStamp"],
      Self.stamp(of: executable) != stamp
    {
      return "the interpreter changed (\(executable) was replaced\(previous))"
    }
    if let paths = recorded["packagePaths"], let packages = recorded["packages"],
      Self.packagesDigest(pathsJSON: paths) != packages
    {
      return "the installed packages changed"
    }
    for name in variables.keys.sorted() {
      if let old = recorded[Self.variablePrefix + name], old != variables[name] {
        return "the environment variable \(name) changed"
      }
    }
    return nil
  }

  /// The files that make a version manager's shim (pyenv, asdf, mise: a program in a `shims`
  /// directory) pick a Python: the version files in `directory` and every directory above
  /// it, and pyenv's global version file.
  ///
  /// - Parameters:
  ///   - directory: The directory pytest starts in.
  ///   - environment: The process environment.
  /// - Returns: Absolute paths, present or not.
  static func shimFiles(directory: String, environment: [String: String]) -> [String] {
    let home = environment["HOME"] ?? NSHomeDirectory()
    var files = [(environment["PYENV_ROOT"] ?? home + "/.pyenv") + "/version"]
    var url = URL(fileURLWithPath: directory).standardizedFileURL
    while true {
      for name in [".python-version", ".tool-versions", ".mise.toml", "mise.toml"] {
        files.append(url.appendingPathComponent(name).path)
      }
      let parent = url.deletingLastPathComponent()
      if parent.path == url.path { break }
      url = parent
    }
    return files
  }

  /// What makes a shim pick a Python: its version variables and the contents of its version
  /// files (``shimFiles(directory:environment:)``).
  ///
  /// - Returns: A digest of all of them.
  static func shimSelection(files: [String], environment: [String: String]) -> String {
    var text = ""
    for name in ["PYENV_VERSION", "ASDF_PYTHON_VERSION", "MISE_PYTHON_VERSION"] {
      text += "\(name)=\(environment[name] ?? "")\n"
    }
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else { continue }
      text += "\(file)\n" + String(decoding: data, as: UTF8.self) + "\n"
    }
    return ContentHasher.hash(Array(text.utf8)).description
  }

  /// The files whose metadata ``change(from:)`` consults for a data set's facts: the
  /// interpreter, the recorded executable, the package directories (a directory's times
  /// change when an entry is added, removed or renamed) and the shim's version files.
  ///
  /// - Parameter recorded: The data set's facts.
  /// - Returns: Absolute paths.
  func watchedFiles(recorded: [String: String]) -> [String] {
    var files = [interpreter] + shimFiles
    if let executable = recorded["executable"] { files.append(executable) }
    if let paths = recorded["packagePaths"],
      let directories = try? JSONDecoder().decode([String].self, from: Data(paths.utf8))
    {
      files += directories
    }
    return files
  }

  /// The digest the plugin computes: SHA-256 over the sorted, distinct names of the
  /// `*.dist-info` and `*.egg-info` entries of the given directories, one per line.
  ///
  /// - Parameter pathsJSON: The directories, as the JSON array the plugin reported.
  /// - Returns: The first 16 hexadecimal digits, or `nil` for malformed input.
  static func packagesDigest(pathsJSON: String) -> String? {
    guard let paths = try? JSONDecoder().decode([String].self, from: Data(pathsJSON.utf8)) else {
      return nil
    }
    var names = Set<String>()
    for path in paths {
      guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
        continue
      }
      for entry in entries where entry.hasSuffix(".dist-info") || entry.hasSuffix(".egg-info") {
        names.insert(entry)
      }
    }
    // Python sorts by code point; UTF-8 byte order is the same order.
    let sorted = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return ContentHasher.hash(Array(sorted.joined(separator: "\n").utf8)).description
  }

  /// The modification time in nanoseconds and the size of a file, as `mtime:size`, the way
  /// the plugin writes them; `missing` when it cannot be read.
  static func stamp(of path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "missing" }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    let nanoseconds = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    return "\(nanoseconds):\(info.st_size)"
  }
}
