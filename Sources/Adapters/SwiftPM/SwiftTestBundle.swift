import Foundation
import SieveRun

/// A package's built test bundle (`<Package>PackageTests.xctest`): it lists its tests and runs
/// any one of them on its own.
public struct SwiftTestBundle: Sendable {
  /// The bundle's executable.
  public var executable: String

  /// Finds the test bundle in a build's binary directory.
  ///
  /// - Parameter binPath: What `swift build --show-bin-path` prints.
  /// - Throws: ``SwiftAdapterError/noTestBundle(_:)`` when there is none.
  public init(binPath: String) throws(SwiftAdapterError) {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: binPath)) ?? []
    guard let name = entries.filter({ $0.hasSuffix(".xctest") }).sorted().first else {
      throw .noTestBundle(binPath)
    }
    executable = binPath + "/" + name
  }

  /// Every test in the bundle, XCTest and Swift Testing.
  ///
  /// - Parameter scratch: A directory for the profiles the instrumented bundle writes as it
  ///   exits (otherwise it leaves `default.profraw` in the working directory).
  /// - Returns: The tests, XCTest ones first.
  /// - Throws: ``SwiftAdapterError/listingFailed(_:)`` when the bundle cannot list its tests.
  public func tests(scratch: String) async throws(SwiftAdapterError) -> [SwiftTest] {
    let profile = scratch + "/listing.profraw"
    let xctest = try await list(arguments: ["--list-tests"], profile: profile)
    let swiftTesting = try await list(
      arguments: ["--testing-library", "swift-testing", "--list-tests"], profile: profile)
    return Self.parseListing(xctest, library: .xctest)
      + Self.parseListing(swiftTesting, library: .swiftTesting)
  }

  /// The arguments that make the bundle run exactly one test.
  ///
  /// - Parameter test: The test.
  /// - Returns: The arguments after the bundle's path.
  public func arguments(running test: SwiftTest) -> [String] {
    switch test.library {
    case .xctest:
      [test.identifier]
    case .swiftTesting:
      [
        "--testing-library", "swift-testing", "--filter",
        "^" + Self.escaped(test.identifier) + "(/.*)?$",
      ]
    }
  }

  /// Reads the test identifiers out of a bundle's `--list-tests` output: lines shaped like
  /// `Module.Type/name`, skipping the header XCTest prints.
  static func parseListing(_ output: String, library: SwiftTest.Library) -> [SwiftTest] {
    output.split(separator: "\n").compactMap { line in
      let text = line.trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty, !text.contains(" "), text.contains("/"), text.contains(".") else {
        return nil
      }
      return SwiftTest(identifier: text, library: library)
    }
  }

  /// A regular expression that matches `text` literally.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      if "\\^$.|?*+()[]{}".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  private func list(arguments: [String], profile: String) async throws(SwiftAdapterError)
    -> String
  {
    let process = ChildProcess(
      executable: executable, arguments: arguments, environment: ["LLVM_PROFILE_FILE": profile])
    do {
      let (code, output) = try await process.captureOutput(limit: 16 << 20)
      guard code == 0 else { throw SwiftAdapterError.listingFailed(executable) }
      return output
    } catch let error as SwiftAdapterError {
      throw error
    } catch {
      throw .listingFailed(executable)
    }
  }
}
