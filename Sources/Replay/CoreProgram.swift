#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The full Sieve program, `sieve-core`, which the `sieve` front replaces itself with.
public enum CoreProgram {
  /// The file name of the full program, installed beside `sieve`.
  public static let name = "sieve-core"

  /// Replaces the running process with `sieve-core`, passing the same arguments.
  ///
  /// The environment is inherited. Returns only by exiting, with status 70 and a message,
  /// when `sieve-core` cannot start.
  ///
  /// - Parameter arguments: The command line, program name first.
  public static func start(arguments: [String]) -> Never {
    guard let path = ExecutablePath.sibling(named: name) else {
      fail("cannot tell where the sieve executable is, to start \(name) beside it.")
    }
    let argv = [path] + arguments.dropFirst()
    let pointers = argv.map { strdup($0) } + [nil]
    execv(path, pointers)
    let reason = String(cString: strerror(errno))
    fail(
      "cannot start \(path) (\(reason)). sieve runs \(name) from its own folder: build both "
        + "with `swift build -c release` and keep them together.")
  }

  private static func fail(_ message: String) -> Never {
    Descriptor.writeAll(STDERR_FILENO, Array("sieve: error: \(message)\n".utf8))
    exit(70)
  }
}
