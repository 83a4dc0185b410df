/// Why Sieve could not build, list, run or read a Swift package's tests.
public enum SwiftAdapterError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `swift build` failed.
  case buildFailed(exitCode: Int32)
  /// No `.xctest` bundle was found where the build puts it.
  case noTestBundle(String)
  /// The test bundle could not list its tests.
  case listingFailed(String)
  /// An LLVM tool failed or printed something Sieve cannot read.
  case coverageUnreadable(tool: String, reason: String)
  /// `swift package describe` failed or printed something Sieve cannot read.
  case packageUnreadable(reason: String)
  /// `swift --version` failed or printed no version.
  case toolchainUnreadable(String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .buildFailed(let code):
      "swift build failed (exit code \(code)); nothing was run. Fix the build errors above and run again."
    case .noTestBundle(let path):
      "no test bundle (*.xctest) was found in \(path). Check that the package has test targets."
    case .listingFailed(let path):
      "\(path) could not list its tests. Run it with --list-tests to see why."
    case .coverageUnreadable(let tool, let reason):
      "\(tool) could not read the coverage profile (\(reason)). Check that the LLVM tools beside swift are intact; the run was not recorded."
    case .packageUnreadable(let reason):
      "swift package describe failed (\(reason)). Run it in the package to see why."
    case .toolchainUnreadable(let swift):
      "\(swift) --version printed no version. Check that the Swift toolchain is installed and on PATH."
    }
  }
}
