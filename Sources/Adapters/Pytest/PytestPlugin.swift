import Foundation

/// Where Sieve's pytest collector plugin lives on disk.
public enum PytestPlugin {
  /// The directory to put on `PYTHONPATH` so that `-p sieve_pytest.plugin` loads.
  ///
  /// `SIEVE_PLUGIN_PATH` overrides the bundled copy.
  ///
  /// - Throws: ``AdapterError/pluginMissing(_:)`` when the resource is not beside `sieve`.
  public static func directory() throws(AdapterError) -> String {
    if let override = ProcessInfo.processInfo.environment["SIEVE_PLUGIN_PATH"] {
      return override
    }
    guard let resources = Bundle.module.resourceURL else {
      throw .pluginMissing(Bundle.module.bundlePath)
    }
    let path = resources.path
    let plugin = (path as NSString).appendingPathComponent("sieve_pytest/plugin.py")
    guard FileManager.default.fileExists(atPath: plugin) else {
      throw .pluginMissing(plugin)
    }
    return path
  }
}
