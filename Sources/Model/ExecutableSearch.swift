#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds a program on `PATH` the way a shell does: the first directory holding an executable
/// file of that name.
///
/// Spawning by bare name makes swift-subprocess try `exec` in each `PATH` directory in turn,
/// a child process per miss (about 2 ms each here); looking the file up first costs a few
/// `access` calls.
public enum ExecutableSearch {
  /// Returns the path of the program `name`, or `name` itself when it already contains a `/`
  /// or is not found (so that spawning it reports the error).
  ///
  /// - Parameters:
  ///   - name: A program name, such as `git`.
  ///   - searchPath: The `PATH` value; the process's own when `nil`.
  /// - Returns: An absolute path when found, otherwise `name`.
  public static func resolve(_ name: String, searchPath: String? = nil) -> String {
    if name.contains("/") { return name }
    let value = searchPath ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    for directory in value.split(separator: ":", omittingEmptySubsequences: true) {
      let candidate = directory.hasSuffix("/") ? "\(directory)\(name)" : "\(directory)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return name
  }
}
