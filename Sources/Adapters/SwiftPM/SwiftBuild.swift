import SieveRun

/// Builds a package's tests with coverage instrumentation, always with the same flags.
///
/// The flags stay the same from run to run (and with `swift test --enable-code-coverage`),
/// because toggling instrumentation makes SwiftPM rebuild everything.
public struct SwiftBuild: Sendable {
  /// The flags Sieve adds to the user's build arguments.
  public static let instrumentation = ["--build-tests", "--enable-code-coverage"]

  /// The command whose build arguments to use.
  public var command: SwiftTestCommand
  /// The package directory.
  public var directory: String

  /// Creates a build.
  ///
  /// - Parameters:
  ///   - command: The user's `swift test` command.
  ///   - directory: The package directory.
  public init(command: SwiftTestCommand, directory: String) {
    self.command = command
    self.directory = directory
  }

  /// Builds the package and its tests; SwiftPM's output goes to the terminal.
  ///
  /// - Throws: ``SwiftAdapterError/buildFailed(exitCode:)``, or a `RunError` when `swift`
  ///   cannot be started.
  public func build() async throws {
    let process = ChildProcess(
      executable: command.swift,
      arguments: ["build"] + Self.instrumentation + command.buildArguments,
      workingDirectory: directory)
    let code = try await process.run()
    guard code == 0 else { throw SwiftAdapterError.buildFailed(exitCode: code) }
  }

  /// The directory the build puts its products in.
  ///
  /// - Throws: ``SwiftAdapterError/buildFailed(exitCode:)`` when SwiftPM cannot say, or a
  ///   `RunError` when `swift` cannot be started.
  public func binPath() async throws -> String {
    let process = ChildProcess(
      executable: command.swift,
      arguments: ["build", "--show-bin-path"] + Self.instrumentation + command.buildArguments,
      workingDirectory: directory)
    let (code, output) = try await process.captureOutput()
    let path = output.split(separator: "\n").last.map(String.init) ?? ""
    guard code == 0, path.hasPrefix("/") else {
      throw SwiftAdapterError.buildFailed(exitCode: code)
    }
    return path
  }
}
