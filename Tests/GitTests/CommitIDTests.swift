import Foundation
import SieveGit
import Testing

@Suite("CommitID")
struct CommitIDTests {
  private static let sha1 = "0123456789abcdef0123456789abcdef01234567"

  @Test("A full SHA-1 or SHA-256 name is accepted, in lowercase")
  func acceptsFullNames() throws {
    #expect(CommitID(Self.sha1)?.value == Self.sha1)
    #expect(CommitID(Self.sha1.uppercased())?.value == Self.sha1)
    #expect(CommitID(String(repeating: "f", count: 64)) != nil)
  }

  @Test(
    "Abbreviated, padded or non-hexadecimal names are rejected",
    arguments: ["", "0123456", "HEAD", " \(sha1)", String(repeating: "g", count: 40)]
  )
  func rejectsOtherText(text: String) {
    #expect(CommitID(text) == nil)
  }

  @Test("The short form is the first seven digits, and the description is the full name")
  func shortAndDescription() throws {
    let commit = try #require(CommitID(Self.sha1))
    #expect(commit.short == "0123456")
    #expect(commit.description == Self.sha1)
  }

  @Test("A commit id encodes as a plain string and rejects an invalid one when decoding")
  func codable() throws {
    let commit = try #require(CommitID(Self.sha1))
    let data = try JSONEncoder().encode([commit])
    #expect(String(decoding: data, as: UTF8.self) == "[\"\(Self.sha1)\"]")
    #expect(try JSONDecoder().decode([CommitID].self, from: data) == [commit])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([CommitID].self, from: Data("[\"abc\"]".utf8))
    }
  }
}
