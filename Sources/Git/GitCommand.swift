import SieveModel
import SieveReplay
import Subprocess

/// What one git command printed and how it ended.
struct GitOutput: Sendable {
  /// The command as people would type it, for error messages: `git status --porcelain=v2 …`.
  var command: String
  /// The directory git ran in (passed with `-C`).
  var directory: String
  /// Git's exit code, or the negated signal number when git was killed.
  var exitStatus: Int32
  /// Everything git wrote to standard output.
  var standardOutput: [UInt8]
  /// Everything git wrote to standard error, without trailing whitespace.
  var standardError: String

  /// Whether git exited with status 0.
  var succeeded: Bool { exitStatus == 0 }

  /// Standard output as text, without the trailing newline.
  var text: String {
    var text = Substring(decoding: standardOutput, as: UTF8.self)
    while text.last?.isNewline == true { text.removeLast() }
    return String(text)
  }

  /// The error that describes this command's failure.
  var failure: GitError {
    .commandFailed(
      command: command, directory: directory, exitStatus: exitStatus, standardError: standardError)
  }
}

/// Runs git through swift-subprocess: one spawn per call, no shell, no Foundation `Process`.
struct GitCommand: Sendable {
  /// The executable: a name looked up on `PATH`, or a path containing `/`.
  var executable: String = "git"

  /// Variables set for every command on top of the inherited environment: those of
  /// ``GitStatusCall/environmentOverrides``, shared with the `sieve` front.
  static let environmentOverrides: [Environment.Key: String?] = Dictionary(
    uniqueKeysWithValues: GitStatusCall.environmentOverrides.map {
      (Environment.Key(stringLiteral: $0.name), $0.value)
    })

  /// Runs `git -C directory arguments…` and collects its output.
  ///
  /// A non-zero exit is returned, not thrown; callers decide what it means.
  ///
  /// - Throws: ``GitError/gitNotFound(executable:)`` when git cannot be started.
  func run(_ arguments: [String], in directory: String) async throws -> GitOutput {
    let resolved = ExecutableSearch.resolve(self.executable)
    let executable: Executable =
      resolved.contains("/") ? .path(.init(resolved)) : .name(resolved)
    let result: ExecutionResult<Void, BytesOutput, BytesOutput>
    do {
      result = try await Subprocess.run(
        executable,
        arguments: Arguments(["-C", directory] + arguments),
        environment: .inherit.updating(Self.environmentOverrides),
        output: .bytes(limit: .max),
        error: .bytes(limit: .max)
      )
    } catch let error as SubprocessError {
      if error.code == .executableNotFound || error.code == .spawnFailed {
        throw GitError.gitNotFound(executable: self.executable)
      }
      throw GitError.commandFailed(
        command: Self.display(arguments), directory: directory, exitStatus: -1,
        standardError: String(describing: error))
    }
    let exitStatus: Int32
    switch result.terminationStatus {
    case .exited(let code): exitStatus = code
    case .signaled(let signal): exitStatus = -signal
    }
    var standardError = Substring(decoding: result.standardError, as: UTF8.self)
    while standardError.last?.isWhitespace == true { standardError.removeLast() }
    return GitOutput(
      command: Self.display(arguments),
      directory: directory,
      exitStatus: exitStatus,
      standardOutput: result.standardOutput,
      standardError: String(standardError)
    )
  }

  /// The command line as people would type it.
  static func display(_ arguments: [String]) -> String {
    (["git"] + arguments).joined(separator: " ")
  }
}
