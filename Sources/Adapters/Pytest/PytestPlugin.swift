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

  /// The variables that load the plugin into pytest and tell it what to do.
  ///
  /// `PYTHONPATH` gets the plugin's directory in front of the inherited value.
  ///
  /// - Parameters:
  ///   - results: Where the plugin writes its results.
  ///   - root: The repository root; only files below it are recorded.
  ///   - selection: The selection file, or `nil` to run what pytest collects.
  /// - Returns: Variables to set (or, with `nil`, to remove) in pytest's environment.
  /// - Throws: ``AdapterError/pluginMissing(_:)`` when the resource is not beside `sieve`.
  public static func environment(
    results: String, root: String, selection: String?
  ) throws(AdapterError) -> [String: String?] {
    let inherited = ProcessInfo.processInfo.environment["PYTHONPATH"].map { ":" + $0 } ?? ""
    return [
      "SIEVE_RESULTS": results,
      "SIEVE_ROOT": root,
      "SIEVE_SELECTION": selection,
      "PYTHONPATH": try directory() + inherited,
    ]
  }
}
