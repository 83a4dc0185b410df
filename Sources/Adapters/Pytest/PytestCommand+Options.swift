extension PytestCommand {
  /// The command with `options` added for pytest, right after the plugin option (so they come
  /// before any `--` among the user's arguments).
  ///
  /// - Parameter options: pytest options, such as `--junitxml=PATH`.
  /// - Returns: The extended command.
  public func adding(_ options: [String]) -> PytestCommand {
    var command = self
    let plugin = ["-p", Self.pluginModule]
    let start =
      (0..<max(0, arguments.count - 1)).first {
        Array(arguments[$0...$0 + 1]) == plugin
      } ?? arguments.count
    let position = min(start + plugin.count, arguments.count)
    command.arguments.insert(contentsOf: options, at: position)
    return command
  }

  /// Whether the user's own arguments ask pytest for a JUnit XML report.
  public var writesJUnitXML: Bool {
    userArguments.contains { word in
      ["--junitxml", "--junit-xml"].contains { word == $0 || word.hasPrefix($0 + "=") }
    }
  }
}
