import Foundation
import SieveRun

/// A package's own targets and which of them each one depends on, from
/// `swift package describe --type json`.
public struct SwiftPackageTargets: Sendable {
  /// One target of the package.
  public struct Target: Sendable, Equatable {
    /// The target's name, which is also its module's.
    public var name: String
    /// The target's directory, relative to the package.
    public var path: String
    /// Whether it is a test target.
    public var isTest: Bool
    /// Its source files, relative to ``path``.
    public var sources: [String]
    /// The package's own targets it depends on directly.
    public var dependencies: [String]
  }

  /// The targets, by name.
  public var targets: [String: Target]
  /// The names of the package's executable products: the programs a build puts beside the
  /// test bundle, which tests may start.
  public var executables: [String]

  /// Creates the description from `swift package describe --type json` output.
  ///
  /// - Parameter json: The JSON text.
  /// - Throws: ``SwiftAdapterError/packageUnreadable(reason:)``.
  public init(json: Data) throws(SwiftAdapterError) {
    do {
      let described = try JSONDecoder().decode(Described.self, from: json)
      targets = Dictionary(
        described.targets.map {
          (
            $0.name,
            Target(
              name: $0.name, path: $0.path, isTest: $0.type == "test", sources: $0.sources,
              dependencies: $0.targetDependencies ?? [])
          )
        }, uniquingKeysWith: { first, _ in first })
      executables = (described.products ?? []).filter { $0.type.executable != nil }.map(\.name)
        .sorted()
    } catch {
      throw .packageUnreadable(reason: "\(error)")
    }
  }

  /// Describes the package in a directory by running `swift package describe`.
  ///
  /// - Parameters:
  ///   - swift: The `swift` program.
  ///   - directory: The package directory.
  /// - Returns: The package's targets.
  /// - Throws: ``SwiftAdapterError/packageUnreadable(reason:)``.
  public static func describe(swift: String, directory: String) async throws(SwiftAdapterError)
    -> SwiftPackageTargets
  {
    let process = ChildProcess(
      executable: swift, arguments: ["package", "describe", "--type", "json"],
      workingDirectory: directory)
    let result: (exitCode: Int32, output: String)
    do {
      result = try await process.captureOutput(limit: 64 << 20)
    } catch {
      throw .packageUnreadable(reason: error.description)
    }
    guard result.exitCode == 0, let start = result.output.firstIndex(of: "{") else {
      throw .packageUnreadable(reason: "exit code \(result.exitCode)")
    }
    return try SwiftPackageTargets(json: Data(result.output[start...].utf8))
  }

  /// The source files (relative to the package) of a target and of every package target it
  /// depends on, directly or not.
  ///
  /// - Parameter name: A target's name.
  /// - Returns: The files, sorted.
  public func sourcesReachable(from name: String) -> [String] {
    var seen: Set<String> = []
    var queue = [name]
    var files: [String] = []
    while let next = queue.popLast() {
      guard seen.insert(next).inserted, let target = targets[next] else { continue }
      files += target.sources.map { target.path + "/" + $0 }
      queue += target.dependencies
    }
    return files.sorted()
  }

  private struct Described: Decodable {
    var targets: [DescribedTarget]
    var products: [DescribedProduct]?
  }

  private struct DescribedProduct: Decodable {
    struct Kind: Decodable {
      /// Present (as `null`) for an executable; decoded as "is the key there".
      var executable: Bool?

      enum CodingKeys: String, CodingKey { case executable }

      init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        executable = container.contains(.executable) ? true : nil
      }
    }
    var name: String
    var type: Kind
  }

  private struct DescribedTarget: Decodable {
    var name: String
    var path: String
    var type: String
    var sources: [String]
    var targetDependencies: [String]?

    enum CodingKeys: String, CodingKey {
      case name, path, type, sources
      case targetDependencies = "target_dependencies"
    }
  }
}
