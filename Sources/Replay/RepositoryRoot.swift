#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finding the top of a git work tree the way Sieve does, without starting git.
public enum RepositoryRoot {
  /// The nearest directory at or above `directory` that holds a `.git` entry (a directory,
  /// or the file a linked work tree or a submodule has).
  ///
  /// - Parameter directory: An absolute path without `.` or `..` components.
  /// - Returns: The directory, or `nil` when no `.git` is found up to `/`.
  public static func containing(_ directory: String) -> String? {
    var current = directory
    while true {
      let candidate = current == "/" ? "/.git" : current + "/.git"
      var info = stat()
      if stat(candidate, &info) == 0 { return current }
      guard current != "/", let slash = current.utf8.lastIndex(of: UInt8(ascii: "/")) else {
        return nil
      }
      let parent = String(current[..<slash])
      current = parent.isEmpty ? "/" : parent
    }
  }
}
