import Foundation

/// The mini-projects in `Tests/Support/Fixtures/`, shipped as a resource of this target.
public enum FixtureProjects {
  /// The directory holding every fixture project.
  public static var root: URL {
    get throws {
      guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures"])
      }
      return url
    }
  }

  /// Copies a fixture project's contents into a directory.
  ///
  /// Existing files with the same names are replaced, so this also works on a
  /// ``GitFixture``'s directory.
  ///
  /// - Parameters:
  ///   - name: The project's folder name, such as `pytest-basic`.
  ///   - destination: The directory that receives the project's files (not a subfolder).
  public static func copy(named name: String, to destination: TemporaryDirectory) throws {
    let source = try root.appendingPathComponent(name, isDirectory: true)
    let fileManager = FileManager.default
    for item in try fileManager.contentsOfDirectory(atPath: source.path) {
      let target = destination.url(for: item)
      if fileManager.fileExists(atPath: target.path) {
        try fileManager.removeItem(at: target)
      }
      try fileManager.copyItem(at: source.appendingPathComponent(item), to: target)
    }
  }
}
