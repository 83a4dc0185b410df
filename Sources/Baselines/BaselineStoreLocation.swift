import Foundation

/// Turns the text a user configures (`--store`, `SIEVE_STORE`, `[tool.sieve] store`) into a
/// store.
public enum BaselineStoreLocation {
  /// The environment variable that holds the HTTP Authorization header's value.
  public static let authorizationVariable = "SIEVE_STORE_AUTHORIZATION"

  /// Opens the store `text` names.
  ///
  /// - Parameters:
  ///   - text: A directory path (relative to `directory`), a `file://` URL or an `http(s)://`
  ///     URL.
  ///   - directory: The directory relative paths start from.
  ///   - environment: The process environment, for the Authorization header.
  /// - Returns: The store.
  /// - Throws: ``BaselineError/badLocation(_:)`` for another URL scheme.
  public static func open(
    _ text: String, relativeTo directory: String, environment: [String: String]
  ) throws(BaselineError) -> any BaselineStore {
    let lowered = text.lowercased()
    if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
      let value = environment[authorizationVariable].flatMap { $0.isEmpty ? nil : $0 }
      return HTTPBaselineStore(
        baseURL: text, authorization: value, authorizationVariable: authorizationVariable)
    }
    if lowered.hasPrefix("file://") {
      guard let url = URL(string: text), url.isFileURL else { throw .badLocation(text) }
      return DirectoryBaselineStore(root: url.standardizedFileURL.path)
    }
    if text.contains("://") || text.isEmpty { throw .badLocation(text) }
    let path = text.hasPrefix("/") ? text : "\(directory)/\(text)"
    return DirectoryBaselineStore(root: URL(fileURLWithPath: path).standardizedFileURL.path)
  }
}
