import CompressNIO
import Crypto
import NIOCore

/// A database compressed for publishing, with the checksum that names it.
public struct BaselineArchive: Sendable, Equatable {
  /// The gzip-compressed database.
  public var bytes: [UInt8]
  /// The SHA-256 of ``bytes``, in lowercase hex.
  public var sha256: String
  /// The database's size before compression.
  public var databaseSize: Int

  /// The archive's file name: content-addressed, so that two jobs publishing the same commit
  /// never overwrite each other's archive with a different one.
  public var name: String { "\(sha256).db.gz" }

  /// Compresses a database file's bytes.
  ///
  /// - Parameter database: The database file's contents.
  /// - Throws: ``BaselineError/corrupt(_:)`` when compression fails.
  public init(compressing database: [UInt8]) throws(BaselineError) {
    var buffer = ByteBuffer(bytes: database)
    do {
      let compressed = try buffer.compress(with: .gzip())
      bytes = Array(compressed.readableBytesView)
    } catch {
      throw .corrupt("could not compress the database (\(error))")
    }
    sha256 = Self.checksum(bytes)
    databaseSize = database.count
  }

  /// Checks downloaded bytes against a manifest and decompresses them.
  ///
  /// - Parameters:
  ///   - bytes: The archive as downloaded.
  ///   - manifest: The manifest that names it.
  /// - Returns: The database file's contents.
  /// - Throws: ``BaselineError/corrupt(_:)`` for a truncated or altered archive.
  public static func database(
    from bytes: [UInt8], checkedAgainst manifest: BaselineManifest
  ) throws(BaselineError) -> [UInt8] {
    guard bytes.count == manifest.archiveSize else {
      throw .corrupt(
        "the archive for \(manifest.commit.prefix(12)) has \(bytes.count) bytes, its manifest says \(manifest.archiveSize) (truncated download?)"
      )
    }
    guard checksum(bytes) == manifest.sha256 else {
      throw .corrupt("the archive for \(manifest.commit.prefix(12)) does not match its checksum")
    }
    var buffer = ByteBuffer(bytes: bytes)
    let database: [UInt8]
    do {
      let plain = try buffer.decompress(with: .gzip())
      database = Array(plain.readableBytesView)
    } catch {
      throw .corrupt("the archive for \(manifest.commit.prefix(12)) does not decompress (\(error))")
    }
    guard database.count == manifest.databaseSize else {
      throw .corrupt("the database for \(manifest.commit.prefix(12)) has the wrong size")
    }
    return database
  }

  /// The SHA-256 of `bytes` in lowercase hex.
  public static func checksum(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map(BaselineEnvironment.hex).joined()
  }
}
