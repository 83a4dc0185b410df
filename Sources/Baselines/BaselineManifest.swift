/// What a published baseline is: the commit and environment it was collected in, and how to
/// check the archive that holds it.
///
/// A manifest is written next to its archive and read before the archive is downloaded, so
/// that a baseline for another schema or environment costs one small request.
public struct BaselineManifest: Codable, Sendable, Equatable {
  /// The manifest format this Sieve writes.
  public static let currentFormat = 1

  /// The manifest's own format.
  public var format: Int
  /// The full id of the commit the tests ran on.
  public var commit: String
  /// The database schema, as the store names its newest migration.
  public var schema: String
  /// The Sieve version that published it.
  public var sieveVersion: String
  /// The environment the tests ran in.
  public var environment: BaselineEnvironment
  /// The archive's name, next to the manifest.
  public var archive: String
  /// The archive's SHA-256, in lowercase hex.
  public var sha256: String
  /// The archive's size in bytes.
  public var archiveSize: Int
  /// The database's size in bytes, uncompressed.
  public var databaseSize: Int
  /// The number of tests in the database.
  public var testCount: Int
  /// When it was published, in ISO 8601.
  public var publishedAt: String

  /// Creates a manifest.
  ///
  /// - Parameters:
  ///   - commit: The commit the tests ran on.
  ///   - schema: The database schema's name.
  ///   - sieveVersion: The publishing Sieve's version.
  ///   - environment: The environment the tests ran in.
  ///   - archive: The archive's checksum and sizes.
  ///   - testCount: The number of tests in the database.
  ///   - publishedAt: The time of publishing, in ISO 8601.
  public init(
    commit: String, schema: String, sieveVersion: String, environment: BaselineEnvironment,
    archive: BaselineArchive, testCount: Int, publishedAt: String
  ) {
    format = Self.currentFormat
    self.commit = commit
    self.schema = schema
    self.sieveVersion = sieveVersion
    self.environment = environment
    self.archive = archive.name
    sha256 = archive.sha256
    archiveSize = archive.bytes.count
    databaseSize = archive.databaseSize
    self.testCount = testCount
    self.publishedAt = publishedAt
  }
}
