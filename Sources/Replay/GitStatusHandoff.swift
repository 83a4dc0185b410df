#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hands the `git status` output the front already read to `sieve-core`, so that a decision
/// after a change costs one `git status`, not two.
///
/// The front writes the bytes to an unlinked temporary file, leaves its descriptor open
/// across `exec`, and names it in ``variable``. `sieve-core` takes it once, at the start of a
/// command that remembers answers, before it reads anything else: the status is then a few
/// milliseconds older than one the decision would have read itself, which is the same as a
/// decision that started a few milliseconds earlier.
public enum GitStatusHandoff {
  /// The environment variable that holds the descriptor's number.
  public static let variable = "SIEVE_FRONT_GIT_STATUS_FD"

  /// Leaves the bytes for the program about to be started with `exec`.
  ///
  /// - Parameters:
  ///   - bytes: What ``GitStatusCall`` printed.
  ///   - root: The work tree git ran in; ``take(root:)`` hands the bytes over only there.
  /// - Returns: Whether the bytes were left; on failure nothing is set.
  @discardableResult
  public static func leave(_ bytes: [UInt8], root: String) -> Bool {
    let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((folder + "/sieve-status.XXXXXX").utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else { return false }
    unlink(template)
    guard Descriptor.writeAll(descriptor, Array(root.utf8) + [0] + bytes),
      lseek(descriptor, 0, SEEK_SET) == 0,
      setenv(variable, String(descriptor), 1) == 0
    else {
      close(descriptor)
      return false
    }
    return true
  }

  /// Takes the bytes the front left, once: the variable is removed and the descriptor
  /// closed, so programs Sieve starts inherit neither.
  ///
  /// - Parameter root: The work tree the command decides for.
  /// - Returns: The `git status` output, or `nil` when the front left none, or left it for
  ///   another work tree.
  public static func take(root: String) -> [UInt8]? {
    guard let value = getenv(variable).map({ String(cString: $0) }) else { return nil }
    unsetenv(variable)
    guard let descriptor = Int32(value), descriptor > STDERR_FILENO else { return nil }
    defer { close(descriptor) }
    guard lseek(descriptor, 0, SEEK_SET) == 0, let contents = Descriptor.readToEnd(descriptor),
      let end = contents.firstIndex(of: 0), contents[..<end].elementsEqual(root.utf8)
    else { return nil }
    return Array(contents[(end + 1)...])
  }
}
