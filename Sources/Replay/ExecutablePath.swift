#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The running program's own file.
public enum ExecutablePath {
  /// The absolute path of the running executable, or `nil` when the system does not say.
  public static func current() -> String? {
    #if canImport(Darwin)
      var size: UInt32 = 0
      _ = _NSGetExecutablePath(nil, &size)
      var buffer = [CChar](repeating: 0, count: Int(size) + 1)
      guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
      return ResolvedPath.of(String(cString: buffer))
    #else
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      guard count > 0 else { return nil }
      return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    #endif
  }

  /// The path of a program installed beside the running one.
  ///
  /// - Parameter name: The file name, such as `sieve-core`.
  /// - Returns: The absolute path, or `nil` when the running executable's is unknown.
  public static func sibling(named name: String) -> String? {
    guard let own = current(), let slash = own.utf8.lastIndex(of: UInt8(ascii: "/")) else {
      return nil
    }
    return String(own[..<slash]) + "/" + name
  }
}
