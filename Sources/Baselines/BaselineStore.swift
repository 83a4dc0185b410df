/// A place baselines are published to and fetched from, addressed by keys such as
/// `<commit>/<environment>/manifest.json`.
///
/// Implementations write each key atomically: a reader sees a whole file or none.
public protocol BaselineStore: Sendable {
  /// The store as people should read it; never contains credentials.
  var displayName: String { get }

  /// Reads a key.
  ///
  /// - Parameter key: The key, `/`-separated.
  /// - Returns: The bytes, or `nil` when the key does not exist.
  /// - Throws: A ``BaselineError`` when the store cannot answer.
  func read(_ key: String) async throws(BaselineError) -> [UInt8]?

  /// Writes a key, replacing what was there.
  ///
  /// - Parameters:
  ///   - key: The key, `/`-separated.
  ///   - bytes: The contents.
  /// - Throws: A ``BaselineError`` when the store refuses the write.
  func write(_ key: String, _ bytes: [UInt8]) async throws(BaselineError)

  /// Whether a key exists, without downloading it.
  ///
  /// - Parameter key: The key, `/`-separated.
  /// - Returns: Whether the key exists.
  /// - Throws: A ``BaselineError`` when the store cannot answer.
  func exists(_ key: String) async throws(BaselineError) -> Bool
}

/// Where in a store a commit's baseline lives.
public enum BaselineLayout {
  /// The manifest of `commit`'s baseline for an environment.
  ///
  /// - Parameters:
  ///   - commit: The full commit id.
  ///   - environment: The environment's ``BaselineEnvironment/key``.
  /// - Returns: The manifest's key.
  public static func manifest(commit: String, environment: String) -> String {
    "\(commit)/\(environment)/manifest.json"
  }

  /// The archive a manifest names.
  ///
  /// - Parameter manifest: The manifest.
  /// - Returns: The archive's key.
  public static func archive(of manifest: BaselineManifest) -> String {
    "\(manifest.commit)/\(manifest.environment.key)/\(manifest.archive)"
  }
}
