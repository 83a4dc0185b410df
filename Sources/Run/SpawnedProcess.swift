import Foundation
import SieveModel

#if canImport(Glibc)
  import Glibc
#endif

/// A child started with `posix_spawn` and waited for with `waitpid` on a thread of its own.
///
/// `sieve run -j N` starts several pytest processes at once. swift-subprocess 1.0.2 can resume
/// a continuation twice, and crash, when several of its children exit together on Linux (its
/// monitor thread; seen here with a release build), so concurrent children are started here
/// instead. The decision path never comes here: it starts only `git`, through swift-subprocess.
struct SpawnedProcess {
  let process: ChildProcess
  let identifier: pid_t

  /// Starts `process` in its working directory (or Sieve's) with inherited standard input,
  /// its output and error in ``ChildProcess/outputPath`` (or Sieve's own streams), every
  /// signal at its default.
  ///
  /// - Parameters:
  ///   - process: What to start.
  ///   - detached: Start it in a session of its own, away from the terminal, with its
  ///     standard input from `/dev/null` (a background worker that outlives Sieve).
  /// - Throws: ``RunError/executableNotFound(_:)`` or ``RunError/launchFailed(_:reason:)``.
  init(_ process: ChildProcess, detached: Bool = false) throws(RunError) {
    self.process = process
    let path = ExecutableSearch.resolve(process.executable)
    guard path.contains("/") else { throw .executableNotFound(process.executable) }
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in process.environment { environment[key] = value }
    let arguments = [process.executable] + process.arguments
    let variables = environment.map { "\($0.key)=\($0.value)" }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if detached {
      posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    }
    if let output = process.outputPath {
      posix_spawn_file_actions_addopen(
        &actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
      posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
    }
    if let directory = process.workingDirectory {
      guard let addChangeDirectory = Self.addChangeDirectory else {
        throw .launchFailed(
          process.executable,
          reason: "this C library cannot start a child in another directory (glibc 2.29+ can)")
      }
      _ = addChangeDirectory(&actions, directory)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
    if detached { flags |= Self.startNewSession }
    posix_spawnattr_setflags(&attributes, Int16(flags))

    var identifier: pid_t = 0
    let status = Self.withCStrings(arguments) { argv in
      Self.withCStrings(variables) { envp in
        posix_spawn(&identifier, path, &actions, &attributes, argv, envp)
      }
    }
    guard status == 0 else {
      throw .launchFailed(process.executable, reason: String(cString: strerror(status)))
    }
    self.identifier = identifier
  }

  /// Waits for the child to end, on a thread of its own.
  ///
  /// - Returns: Its exit code; a child killed by signal N gives 128 + N, as shells do.
  func wait() async -> Int32 {
    let identifier = identifier
    return await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        var status: Int32 = 0
        while waitpid(identifier, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
      }
    }
  }

  /// glibc's `POSIX_SPAWN_SETSID` (2.26+), which Swift's Glibc module does not import.
  private static let startNewSession: Int32 = 0x80

  private typealias AddChangeDirectory =
    @convention(c) (
      UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?
    ) -> Int32

  /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does
  /// not declare; looked up once.
  private static let addChangeDirectory: AddChangeDirectory? = {
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return nil }
    return unsafeBitCast(symbol, to: AddChangeDirectory.self)
  }()

  /// Calls `body` with a NULL-terminated array of C strings; returns its error number.
  private static func withCStrings(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32
  ) -> Int32 {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return EINVAL }
      return body(base)
    }
  }
}
