/// The point at the origin.
public let origin = Point(x: 0, y: 0)

/// A point on the integer grid.
public struct Point: Equatable, Sendable {
  public var x: Int
  public var y: Int

  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }

  /// The squared distance to another point.
  public func distanceSquared(to other: Point) -> Int {
    let dx = x - other.x
    let dy = y - other.y
    return dx * dx + dy * dy
  }

  /// Whether this is the origin.
  public var isOrigin: Bool { self == origin }
}
