import Foundation

extension BaselineManifest {
  /// The manifest as published: pretty, sorted JSON.
  ///
  /// - Throws: ``BaselineError/corrupt(_:)`` if it cannot be encoded.
  public func encoded() throws(BaselineError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      return Array(try encoder.encode(self))
    } catch {
      throw .corrupt("could not encode the manifest (\(error))")
    }
  }

  /// Reads a published manifest.
  ///
  /// - Parameters:
  ///   - bytes: The manifest's bytes.
  ///   - key: Where it came from, for the message.
  /// - Returns: The manifest.
  /// - Throws: ``BaselineError/corrupt(_:)`` for a damaged manifest or an unknown format.
  public static func decoded(_ bytes: [UInt8], from key: String) throws(BaselineError)
    -> BaselineManifest
  {
    let manifest: BaselineManifest
    do {
      manifest = try JSONDecoder().decode(BaselineManifest.self, from: Data(bytes))
    } catch {
      throw .corrupt("\(key) is not a Sieve baseline manifest")
    }
    guard manifest.format <= currentFormat else {
      throw .corrupt(
        "\(key) has manifest format \(manifest.format); this Sieve reads \(currentFormat)")
    }
    return manifest
  }
}
