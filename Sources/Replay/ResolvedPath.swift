#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `realpath(3)`: a path with every symbolic link resolved.
public enum ResolvedPath {
  /// The absolute path `path` leads to, or `nil` when it cannot be resolved.
  public static func of(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
