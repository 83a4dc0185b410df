import Foundation
import SieveRun

/// The toolchain's LLVM coverage tools, run on one test bundle's raw profiles.
public struct SwiftCoverageTools: Sendable {
  /// The toolchain whose tools are used.
  public var toolchain: SwiftToolchain

  /// Creates the tools of a toolchain.
  ///
  /// - Parameter toolchain: The toolchain whose `llvm-profdata` and `llvm-cov` to use.
  public init(toolchain: SwiftToolchain) {
    self.toolchain = toolchain
  }

  /// The profile names of the functions a raw profile saw run at least once.
  ///
  /// - Parameter profile: A `.profraw` file the bundle wrote.
  /// - Returns: The names, as `llvm-profdata show --covered` prints them.
  /// - Throws: ``SwiftAdapterError/coverageUnreadable(tool:reason:)``.
  public func coveredFunctions(in profile: String) async throws(SwiftAdapterError) -> [String] {
    let output = try await capture(
      toolchain.profdata, ["show", "--covered", profile])
    return output.split(separator: "\n").map(String.init)
  }

  /// Reads where every function of the package starts, from the coverage mapping of the
  /// test bundle and of the package's programs.
  ///
  /// - Parameters:
  ///   - binaries: The test bundle's executable first, then the package's executables that
  ///     were built with it (tests may start them).
  ///   - profiles: Raw profiles those wrote (the mapping needs profile data).
  ///   - root: The package or repository directory; functions outside it are left out.
  ///   - scratch: A directory for the intermediate files.
  /// - Returns: Where each function of the package starts.
  /// - Throws: ``SwiftAdapterError/coverageUnreadable(tool:reason:)``.
  public func functionMap(
    binaries: [String], profiles: [String], root: String, scratch: String
  ) async throws(SwiftAdapterError) -> SwiftFunctionMap {
    guard let bundle = binaries.first else { return SwiftFunctionMap() }
    let indexed = scratch + "/mapping.profdata"
    _ = try await capture(toolchain.profdata, ["merge", "-sparse"] + profiles + ["-o", indexed])
    let export = try await capture(
      toolchain.cov,
      [
        "export", "-format=text", "-skip-expansions", "-skip-branches",
        "-ignore-filename-regex=/(\\.build|checkouts)/", "-instr-profile", indexed, bundle,
      ] + binaries.dropFirst().flatMap { ["-object", $0] })
    do {
      return try SwiftFunctionMap(export: Data(export.utf8), root: root)
    } catch {
      throw .coverageUnreadable(tool: toolchain.cov, reason: "\(error)")
    }
  }

  private func capture(_ tool: String, _ arguments: [String]) async throws(SwiftAdapterError)
    -> String
  {
    do {
      let (code, output) = try await ChildProcess(executable: tool, arguments: arguments)
        .captureOutput(limit: 256 << 20)
      guard code == 0 else {
        throw SwiftAdapterError.coverageUnreadable(tool: tool, reason: "exit code \(code)")
      }
      return output
    } catch let error as SwiftAdapterError {
      throw error
    } catch {
      throw .coverageUnreadable(tool: tool, reason: "\(error)")
    }
  }
}
