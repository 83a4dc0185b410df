/// Why a baseline could not be published or used.
///
/// None of these makes Sieve skip a test: without a usable baseline it runs everything and
/// says why.
public enum BaselineError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The store location is not a directory, `file://` or `http(s)://` URL.
  case badLocation(String)
  /// The store could not be reached at all.
  case unreachable(store: String, reason: String)
  /// The server refused the credentials (401 or 403).
  case unauthorized(store: String, status: Int, variable: String)
  /// The server answered with an unexpected status.
  case server(store: String, status: Int, key: String)
  /// A file in the store could not be read or written.
  case io(path: String, reason: String)
  /// A downloaded manifest or archive is damaged or does not match.
  case corrupt(String)

  /// One sentence on what happened and one on what to do.
  public var description: String {
    switch self {
    case .badLocation(let text):
      "'\(text)' is not a baseline store. Use a directory, a file:// URL or an http(s):// URL."
    case .unreachable(let store, let reason):
      "Could not reach the baseline store \(store) (\(reason)). Check the URL and the network."
    case .unauthorized(let store, let status, let variable):
      "The baseline store \(store) refused access (HTTP \(status)). Set \(variable) to the Authorization header value it expects."
    case .server(let store, let status, let key):
      "The baseline store \(store) answered HTTP \(status) for \(key). Check the server's log."
    case .io(let path, let reason):
      "Could not use \(path) (\(reason)). Check that it exists and is writable."
    case .corrupt(let what):
      "A downloaded baseline is unusable: \(what). It was not installed."
    }
  }
}
