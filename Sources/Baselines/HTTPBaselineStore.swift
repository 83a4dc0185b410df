import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A baseline store behind plain HTTP: GET, PUT and HEAD under a base URL, as served by nginx
/// with WebDAV PUT, Artifactory or Nexus raw repositories.
///
/// The optional Authorization header comes from an environment variable, never from the
/// command line, and is never printed.
public struct HTTPBaselineStore: BaselineStore, CustomStringConvertible, CustomReflectable {
  /// The base URL, without a trailing slash.
  public let baseURL: String
  /// The Authorization header's value, if any.
  private let authorization: String?
  /// The variable the header came from, for messages.
  private let authorizationVariable: String

  /// The largest archive or manifest a fetch accepts.
  public static let maximumSize = 1 << 30

  /// The client every store shares, like `HTTPClient.shared` but failing fast: an
  /// unreachable store is reported at once instead of retried until the request's deadline,
  /// so `sieve run --baseline auto` on a laptop without the network costs no time.
  private static let client: HTTPClient = {
    var configuration = HTTPClient.Configuration(
      redirectConfiguration: .follow(max: 5, allowCycles: false),
      timeout: .init(connect: .seconds(5), read: .seconds(60)))
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }()

  /// Creates a store under `baseURL`.
  ///
  /// - Parameters:
  ///   - baseURL: An `http://` or `https://` URL.
  ///   - authorization: The Authorization header's value, if the server needs one.
  ///   - authorizationVariable: The environment variable it came from, named in messages.
  public init(baseURL: String, authorization: String?, authorizationVariable: String) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.authorization = authorization
    self.authorizationVariable = authorizationVariable
  }

  /// The base URL.
  public var displayName: String { baseURL }

  /// The store without its credentials, for logs and `print`.
  public var description: String { "HTTPBaselineStore(\(baseURL))" }

  /// Reflection shows the base URL only, so `dump` and string interpolation never print the
  /// Authorization header.
  public var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL]) }

  /// Downloads a key with GET.
  ///
  /// - Parameter key: The key.
  /// - Returns: The body, or `nil` for 404.
  /// - Throws: A ``BaselineError`` for other statuses, a short body or no answer.
  public func read(_ key: String) async throws(BaselineError) -> [UInt8]? {
    let (status, body, length) = try await send(.GET, key, body: nil)
    if status == 404 { return nil }
    try check(status, key)
    if let length, length != body.count {
      throw .corrupt("\(key) arrived with \(body.count) of \(length) bytes")
    }
    return body
  }

  /// Uploads a key with PUT.
  ///
  /// - Parameters:
  ///   - key: The key.
  ///   - bytes: The contents.
  /// - Throws: A ``BaselineError`` unless the server answers 2xx.
  public func write(_ key: String, _ bytes: [UInt8]) async throws(BaselineError) {
    let (status, _, _) = try await send(.PUT, key, body: bytes)
    try check(status, key)
  }

  /// Asks for a key with HEAD.
  ///
  /// - Parameter key: The key.
  /// - Returns: Whether the server has it.
  /// - Throws: A ``BaselineError`` for statuses other than 2xx and 404.
  public func exists(_ key: String) async throws(BaselineError) -> Bool {
    let (status, _, _) = try await send(.HEAD, key, body: nil)
    if status == 404 { return false }
    try check(status, key)
    return true
  }

  private func check(_ status: Int, _ key: String) throws(BaselineError) {
    switch status {
    case 200..<300: return
    case 401, 403:
      throw .unauthorized(store: baseURL, status: status, variable: authorizationVariable)
    default: throw .server(store: baseURL, status: status, key: key)
    }
  }

  private func send(
    _ method: HTTPMethod, _ key: String, body: [UInt8]?
  ) async throws(BaselineError) -> (status: Int, body: [UInt8], length: Int?) {
    var request = HTTPClientRequest(url: "\(baseURL)/\(key)")
    request.method = method
    if let authorization { request.headers.add(name: "Authorization", value: authorization) }
    if let body {
      request.body = .bytes(ByteBuffer(bytes: body))
      request.headers.add(name: "Content-Type", value: "application/octet-stream")
    }
    do {
      let response = try await Self.client.execute(request, timeout: .seconds(300))
      let length = response.headers.first(name: "Content-Length").flatMap { Int($0) }
      if method == .HEAD { return (Int(response.status.code), [], length) }
      let buffer = try await response.body.collect(upTo: Self.maximumSize)
      return (Int(response.status.code), Array(buffer.readableBytesView), length)
    } catch let error as HTTPClientError where error == .remoteConnectionClosed {
      throw .corrupt("the connection closed before \(key) arrived in full")
    } catch {
      throw .unreachable(store: baseURL, reason: String(describing: error))
    }
  }
}
