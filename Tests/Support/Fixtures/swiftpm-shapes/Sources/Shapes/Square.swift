import Geometry

/// The side of a square nobody sized.
public let defaultSide = 2

/// A square with its lower-left corner somewhere on the grid.
public struct Square {
  public var corner: Point
  public var side: Int = defaultSide

  public init(corner: Point) {
    self.corner = corner
  }

  public func area() -> Int {
    side * side
  }

  public func perimeter() -> Int {
    4 * side
  }
}
