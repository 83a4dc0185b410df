import Foundation
import SieveBaselines
import SieveTestSupport
import Testing

/// The HTTP store against a real nginx with WebDAV PUT, on a loopback port.
@Suite("HTTP baseline stores", .serialized)
struct HTTPStoreTests {
  let server: NginxServer

  init() throws {
    server = try NginxServer()
  }

  func store(_ path: String, authorization: String? = nil) -> HTTPBaselineStore {
    HTTPBaselineStore(
      baseURL: "\(server.url)/\(path)", authorization: authorization,
      authorizationVariable: BaselineStoreLocation.authorizationVariable)
  }

  @Test("PUT, then HEAD and GET, round-trip a key; a missing key is nil")
  func roundTrip() async throws {
    let store = store("open")
    let bytes = Array(repeating: UInt8(7), count: 300_000)
    #expect(try await store.read("c1/e/manifest.json") == nil)
    #expect(try await !store.exists("c1/e/manifest.json"))
    try await store.write("c1/e/manifest.json", bytes)
    #expect(try await store.exists("c1/e/manifest.json"))
    #expect(try await store.read("c1/e/manifest.json") == bytes)
  }

  @Test("401 without the header names the variable to set, never the secret")
  func unauthorized() async throws {
    let anonymous = store("private")
    let error = await #expect(throws: BaselineError.self) {
      try await anonymous.write("c/e/manifest.json", [1])
    }
    #expect(error?.description.contains("HTTP 401") == true)
    #expect(error?.description.contains(BaselineStoreLocation.authorizationVariable) == true)
    let wrong = store("private", authorization: "Bearer wrong")
    let second = await #expect(throws: BaselineError.self) {
      try await wrong.read("c/e/manifest.json")
    }
    #expect(second?.description.contains("wrong") == false)
    let authorized = store("private", authorization: NginxServer.token)
    try await authorized.write("c/e/manifest.json", [1, 2])
    #expect(try await authorized.read("c/e/manifest.json") == [1, 2])
  }

  @Test("A 500 is an error, not a missing baseline")
  func serverError() async throws {
    let error = await #expect(throws: BaselineError.self) {
      try await store("broken").read("c/e/manifest.json")
    }
    #expect(error?.description.contains("HTTP 500") == true)
  }

  @Test("An unreachable store is one error")
  func unreachable() async throws {
    let closed = HTTPBaselineStore(
      baseURL: "http://127.0.0.1:9/b", authorization: nil, authorizationVariable: "X")
    let error = await #expect(throws: BaselineError.self) { try await closed.exists("k") }
    #expect(error?.description.contains("Could not reach") == true)
  }

  @Test("A body cut short is refused")
  func truncatedBody() async throws {
    let server = try TruncatingServer()
    let store = HTTPBaselineStore(
      baseURL: server.url, authorization: nil, authorizationVariable: "X")
    await #expect(throws: BaselineError.self) { try await store.read("c/e/manifest.json") }
    withExtendedLifetime(server) {}
  }
}
