#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `stat` says of a file: enough to tell that it was replaced, rewritten or touched.
///
/// Two signatures are equal only when the file is the same inode with the same size, mode,
/// modification time and status-change time. The status-change time (`ctime`) cannot be set
/// by a program, so a rewrite that restores the size and the modification time still shows.
public struct FileSignature: Hashable, Sendable {
  /// The device the file is on.
  public var device: UInt64
  /// The inode number.
  public var inode: UInt64
  /// The size in bytes.
  public var size: Int64
  /// The file type and permission bits.
  public var mode: UInt32
  /// The last modification, in nanoseconds since 1970.
  public var modified: Int64
  /// The last status change (a write, a rename, a permission change), in nanoseconds since 1970.
  public var changed: Int64

  /// Creates a signature from its parts.
  public init(
    device: UInt64, inode: UInt64, size: Int64, mode: UInt32, modified: Int64, changed: Int64
  ) {
    self.device = device
    self.inode = inode
    self.size = size
    self.mode = mode
    self.modified = modified
    self.changed = changed
  }

  /// Reads the signature of the file at a path, following symbolic links.
  ///
  /// - Parameter path: An absolute path, or one relative to the current directory.
  /// - Returns: The signature, or `nil` when nothing can be read there (a missing file).
  public static func of(_ path: String) -> FileSignature? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
      let modified = info.st_mtimespec
      let changed = info.st_ctimespec
    #else
      let modified = info.st_mtim
      let changed = info.st_ctim
    #endif
    return FileSignature(
      device: UInt64(truncatingIfNeeded: info.st_dev),
      inode: UInt64(truncatingIfNeeded: info.st_ino),
      size: Int64(info.st_size),
      mode: UInt32(truncatingIfNeeded: info.st_mode),
      modified: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
      changed: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec))
  }

  /// Whether the file was last touched before a moment, by at least a margin.
  ///
  /// File systems keep times at a coarse grain (a clock tick on Linux, a second or two on
  /// some), so a file written twice within one grain keeps one time. A file touched within
  /// `margin` of `moment` may have changed again unseen, and is not settled.
  ///
  /// - Parameters:
  ///   - moment: Nanoseconds since 1970, such as the start of a decision.
  ///   - margin: The grain to allow for, in nanoseconds.
  /// - Returns: Whether both times are earlier than `moment - margin`.
  public func isSettled(before moment: Int64, margin: Int64) -> Bool {
    max(modified, changed) < moment - margin
  }
}
