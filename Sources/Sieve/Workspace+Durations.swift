import SieveModel

extension Workspace {
  /// The recorded durations: the `top` slowest tests and the total over every test that ran.
  ///
  /// Tests that were collected but never ran have no duration and are not counted. Without a
  /// database, the report is empty.
  ///
  /// - Parameter top: How many of the slowest tests to list.
  /// - Returns: The report.
  /// - Throws: A `StoreError` when the database cannot be read.
  public func durations(top: Int) throws -> DurationsReport {
    let (store, problem) = openStore(create: false)
    if let problem { throw problem.error }
    defer { try? store?.close() }
    let durations = try store?.durations() ?? [:]
    let sorted = durations.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    return DurationsReport(
      slowest: sorted.prefix(max(0, top)).map { .init(test: $0.key.value, duration: $0.value) },
      testCount: durations.count,
      totalDuration: sorted.reduce(0) { $0 + $1.value })
  }
}
