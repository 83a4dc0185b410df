import Foundation
import SieveModel
import Subprocess
import SystemPackage

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a test runner as a child process whose output goes straight to the terminal.
///
/// While the child runs, Sieve ignores Ctrl-C itself (the terminal delivers it to the child,
/// which stops and reports), so Sieve can still finish cleanly afterwards.
public struct ChildProcess: Sendable {
  /// The program: a name looked up on `PATH`, or a path.
  public var executable: String
  /// The arguments after the program.
  public var arguments: [String]
  /// Variables to add to (or, with `nil`, remove from) the inherited environment.
  public var environment: [String: String?]
  /// The working directory, or `nil` for Sieve's own.
  public var workingDirectory: String?
  /// A file that receives the child's standard output and standard error, or `nil` for
  /// Sieve's own streams.
  public var outputPath: String?

  /// Creates a child process description.
  ///
  /// - Parameters:
  ///   - executable: The program: a name looked up on `PATH`, or a path.
  ///   - arguments: The arguments after the program.
  ///   - environment: Variables to add to or remove from the inherited environment.
  ///   - workingDirectory: The working directory, or `nil` for Sieve's own.
  ///   - outputPath: A file for the child's standard output and error, or `nil` for Sieve's.
  public init(
    executable: String, arguments: [String], environment: [String: String?] = [:],
    workingDirectory: String? = nil, outputPath: String? = nil
  ) {
    self.executable = executable
    self.arguments = arguments
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.outputPath = outputPath
  }

  /// Runs the process to completion with inherited standard streams.
  ///
  /// - Returns: The exit code; a process killed by signal N gives 128 + N, as shells do.
  /// - Throws: ``RunError/executableNotFound(_:)`` when the program does not exist,
  ///   ``RunError/launchFailed(_:reason:)`` when it cannot be started.
  public func run() async throws(RunError) -> Int32 {
    let previousInterrupt = signal(SIGINT, ignoreWhileChildRuns)
    let previousTerminate = signal(SIGQUIT, ignoreWhileChildRuns)
    defer {
      signal(SIGINT, previousInterrupt)
      signal(SIGQUIT, previousTerminate)
    }
    return try await launch()
  }

  /// Runs several processes at once, to completion.
  ///
  /// Ctrl-C reaches every child (they share the terminal's process group) while Sieve waits.
  /// The children are started with `posix_spawn`, not swift-subprocess (see `SpawnedProcess`).
  ///
  /// - Parameter processes: The processes; give each its own ``outputPath`` so that their
  ///   output does not interleave.
  /// - Returns: Each process's exit code, in the order given.
  /// - Throws: The first ``RunError`` of a process that could not be started.
  public static func runConcurrently(_ processes: [ChildProcess]) async throws(RunError)
    -> [Int32]
  {
    let previousInterrupt = signal(SIGINT, ignoreWhileChildRuns)
    let previousTerminate = signal(SIGQUIT, ignoreWhileChildRuns)
    defer {
      signal(SIGINT, previousInterrupt)
      signal(SIGQUIT, previousTerminate)
    }
    var started: [SpawnedProcess] = []
    for process in processes {
      do throws(RunError) {
        started.append(try SpawnedProcess(process))
      } catch {
        // Do not leave the ones already started running unattended.
        for child in started { kill(child.identifier, SIGTERM) }
        for child in started { _ = await child.wait() }
        throw error
      }
    }
    var codes: [Int32] = []
    for child in started { codes.append(await child.wait()) }
    return codes
  }

  /// Runs processes to completion, at most `width` at a time, starting the next one as soon
  /// as one ends.
  ///
  /// Signals are handled as in ``runConcurrently(_:)``.
  ///
  /// - Parameters:
  ///   - processes: The processes, in the order to start them; give each its own
  ///     ``outputPath`` so that their output does not interleave.
  ///   - width: How many run at once (at least 1).
  ///   - onEnd: Called as each process ends, in the order they end, with its index in
  ///     `processes`, its exit code and its wall-clock seconds.
  /// - Throws: The first ``RunError`` of a process that could not be started (the ones
  ///   running are stopped), or what `onEnd` throws.
  public static func runPooled(
    _ processes: [ChildProcess], width: Int,
    onEnd: (_ index: Int, _ exitCode: Int32, _ seconds: Double) async throws -> Void
  ) async throws {
    let previousInterrupt = signal(SIGINT, ignoreWhileChildRuns)
    let previousTerminate = signal(SIGQUIT, ignoreWhileChildRuns)
    defer {
      signal(SIGINT, previousInterrupt)
      signal(SIGQUIT, previousTerminate)
    }
    try await withThrowingTaskGroup(of: (Int, Int32, Double).self) { group in
      var running: [Int: pid_t] = [:]
      var next = 0
      func startNext() throws(RunError) {
        let index = next
        next += 1
        let child: SpawnedProcess
        do throws(RunError) {
          child = try SpawnedProcess(processes[index])
        } catch {
          for identifier in running.values { kill(identifier, SIGTERM) }
          throw error
        }
        running[index] = child.identifier
        let start = Date()
        group.addTask {
          let code = await child.wait()
          return (index, code, Date().timeIntervalSince(start))
        }
      }
      while next < min(max(1, width), processes.count) { try startNext() }
      while let (index, code, seconds) = try await group.next() {
        running[index] = nil
        if next < processes.count { try startNext() }
        try await onEnd(index, code, seconds)
      }
    }
  }

  /// Starts the process and waits for it, with the signal handling left to the caller.
  private func launch() async throws(RunError) -> Int32 {
    do {
      var output = FileDescriptorOutput.currentStandardOutput
      var error = FileDescriptorOutput.currentStandardError
      if let outputPath {
        output = .fileDescriptor(
          try Self.openForAppending(outputPath), closeAfterSpawningProcess: true)
        error = .fileDescriptor(
          try Self.openForAppending(outputPath), closeAfterSpawningProcess: true)
      }
      let result = try await Subprocess.run(
        target,
        arguments: Arguments(arguments),
        environment: environmentUpdates,
        workingDirectory: workingDirectory.map { FilePath($0) },
        input: .currentStandardInput,
        output: output,
        error: error
      )
      switch result.terminationStatus {
      case .exited(let code): return Int32(code)
      case .signaled(let signal): return 128 + Int32(signal)
      }
    } catch {
      throw launchError(error)
    }
  }
}

extension ChildProcess {
  /// Opens (creating) a file for appending, so that two descriptors on it do not overwrite
  /// each other's output.
  fileprivate static func openForAppending(_ path: String) throws -> FileDescriptor {
    try FileDescriptor.open(
      FilePath(path), .writeOnly, options: [.create, .append],
      permissions: [.ownerReadWrite, .groupRead, .otherRead])
  }
}

/// A signal handler that does nothing; unlike `SIG_IGN`, it is reset to the default in the
/// child on `exec`, so the test runner still receives Ctrl-C.
private func ignoreWhileChildRuns(_ signal: Int32) {}
