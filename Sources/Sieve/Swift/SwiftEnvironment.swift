import Foundation
import SieveBlocks
import SieveSwiftPM

/// What decides how a Swift package's tests are built, checked without starting `swift`:
/// the toolchain (a `stat` of its compiler), the build arguments, and the resolved versions
/// of the package's dependencies (`Package.resolved`, which is often not in git).
///
/// `Package.swift` itself is a file in git: a change to it runs everything through the
/// selection's configuration-file rule.
struct SwiftEnvironment: EnvironmentCheck {
  /// The value of the `framework` fact for Swift packages.
  static let framework = "swift"
  /// The fact that holds the `swift` program as the command named it (not compared).
  static let commandFact = "swiftCommand"
  /// The fact that holds ``SwiftToolchain/stamp``: it names this machine's compiler file.
  static let stampFact = "toolchain"
  /// The fact that holds ``SwiftToolchain/version()``, recorded when tests run.
  static let versionFact = "toolchainVersion"
  /// The facts that name the environment on any machine: what a baseline is looked up by.
  static let portableFacts = ["framework", versionFact, "buildArguments", "packageResolved"]

  /// The portable facts of a Swift data set, or `nil` when it does not have them all (it
  /// was recorded by another runner, or before the toolchain version was recorded).
  static func portable(_ facts: [String: String]) -> [String: String]? {
    var result: [String: String] = [:]
    for name in portableFacts {
      guard let value = facts[name] else { return nil }
      result[name] = value
    }
    return result
  }

  var swift: String
  var toolchainStamp: String
  var buildArguments: [String]
  var resolvedDigest: String

  /// Probes the environment of a `swift test` command run in a package directory.
  init(command: SwiftTestCommand, packageDirectory: String) {
    swift = command.swift
    toolchainStamp = SwiftToolchain(swift: command.swift).stamp
    buildArguments = command.buildArguments
    let resolved = FileManager.default.contents(atPath: packageDirectory + "/Package.resolved")
    resolvedDigest = resolved.map { ContentHasher.hash([UInt8]($0)).description } ?? "none"
  }

  var facts: [String: String] {
    [
      "framework": Self.framework,
      Self.commandFact: swift,
      Self.stampFact: toolchainStamp,
      "buildArguments": Self.encode(buildArguments),
      "packageResolved": resolvedDigest,
    ]
  }

  func change(from recorded: [String: String]) -> String? {
    guard recorded["framework"] == Self.framework else {
      return "the database was recorded by another test runner"
    }
    if recorded[Self.stampFact] != toolchainStamp {
      return "the Swift toolchain changed"
    }
    if recorded["buildArguments"] != Self.encode(buildArguments) {
      return "the build arguments changed (were \(recorded["buildArguments"] ?? "[]"))"
    }
    if recorded["packageResolved"] != resolvedDigest {
      return "Package.resolved changed (the dependencies' versions)"
    }
    return nil
  }

  /// The build arguments as recorded: a JSON array.
  static func encode(_ arguments: [String]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let data = (try? encoder.encode(arguments)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// The build arguments a data set was recorded with.
  static func decode(_ text: String?) -> [String] {
    guard let text else { return [] }
    return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }
}
