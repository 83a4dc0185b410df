import Foundation

/// Where each instrumented function of a test bundle starts, read once per run from the
/// coverage mapping that `llvm-cov export` prints.
///
/// Functions are keyed by their profile name: the mangled name, with `file:` in front for
/// functions private to a file (as `llvm-profdata` prints them) or without it (as `llvm-cov`
/// does); both spellings are kept.
public struct SwiftFunctionMap: Sendable {
  /// A function's file (absolute) and the line its body starts on.
  public struct Location: Hashable, Sendable {
    /// The source file, absolute.
    public var file: String
    /// The first line of the function's body, 1-based.
    public var line: Int
  }

  private var locations: [String: Location] = [:]

  /// An empty map.
  public init() {}

  /// Reads the JSON `llvm-cov export -format=text` prints, keeping functions in files under
  /// `root`.
  ///
  /// - Parameters:
  ///   - export: The exported JSON.
  ///   - root: The package or repository directory, absolute.
  /// - Throws: A `DecodingError` when the text is not such an export.
  public init(export: Data, root: String) throws {
    let prefix = root.hasSuffix("/") ? root : root + "/"
    let decoded = try JSONDecoder().decode(Export.self, from: export)
    for data in decoded.data {
      for function in data.functions {
        guard let file = function.filenames.first, file.hasPrefix(prefix),
          let region = function.regions.first, let line = region.first
        else { continue }
        let location = Location(file: file, line: line)
        locations[function.name] = location
        locations[Self.unqualified(function.name)] = location
      }
    }
  }

  /// Where a function starts, by the name `llvm-profdata show` gives it.
  public func location(of profileName: String) -> Location? {
    locations[profileName] ?? locations[Self.unqualified(profileName)]
  }

  /// How many functions the map knows.
  public var count: Int { Set(locations.values).count }

  /// A profile name without the `file:` qualifier of a file-private function.
  static func unqualified(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }

  private struct Export: Decodable {
    var data: [ExportData]
  }

  private struct ExportData: Decodable {
    var functions: [Function]
  }

  private struct Function: Decodable {
    var name: String
    var filenames: [String]
    var regions: [[Int]]
  }
}
