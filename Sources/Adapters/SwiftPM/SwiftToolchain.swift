import Foundation
import SieveModel
import SieveRun

/// The Swift toolchain a command runs with, and the LLVM tools that came with it.
///
/// Coverage must be read by the `llvm-profdata` and `llvm-cov` beside `swift`: an older LLVM
/// found first on `PATH` cannot read the profiles a newer compiler writes.
public struct SwiftToolchain: Sendable, Equatable {
  /// The `swift` program, resolved on `PATH` and through symbolic links.
  public var swift: String
  /// The directory holding `swift` and its tools.
  public var binDirectory: String

  /// Finds the toolchain of a `swift` program as a command names it.
  ///
  /// - Parameter swift: `swift`, or a path to it.
  public init(swift: String) {
    let found = ExecutableSearch.resolve(swift)
    let real = URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    self.swift = found
    self.binDirectory = (real as NSString).deletingLastPathComponent
  }

  /// The toolchain's `llvm-profdata`.
  public var profdata: String { binDirectory + "/llvm-profdata" }
  /// The toolchain's `llvm-cov`.
  public var cov: String { binDirectory + "/llvm-cov" }

  /// A stamp of the compiler's identity, taken without starting it.
  ///
  /// The size and modification time of `swift-frontend`: a toolchain update changes them.
  public var stamp: String {
    let frontend = binDirectory + "/swift-frontend"
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: frontend),
      let size = attributes[.size] as? Int, let date = attributes[.modificationDate] as? Date
    else { return "missing \(frontend)" }
    return "\(frontend) \(size) \(Int(date.timeIntervalSince1970))"
  }

  /// The first line of `swift --version`, such as `Swift version 6.3.1 (swift-6.3.1-RELEASE)`.
  ///
  /// Unlike ``stamp``, it is the same on every machine with the same toolchain. It starts
  /// `swift`, so it is kept off the decision path.
  ///
  /// - Throws: ``SwiftAdapterError/toolchainUnreadable(_:)`` when `swift` prints no version,
  ///   a `RunError` when it cannot be started.
  public func version() async throws -> String {
    let (code, output) = try await ChildProcess(executable: swift, arguments: ["--version"])
      .captureOutput()
    let first = output.split(separator: "\n").first.map(String.init) ?? ""
    guard code == 0, first.contains("version") else {
      throw SwiftAdapterError.toolchainUnreadable(swift)
    }
    return first.trimmingCharacters(in: .whitespaces)
  }
}
