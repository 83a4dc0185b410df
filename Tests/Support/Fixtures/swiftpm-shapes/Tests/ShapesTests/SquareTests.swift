import Geometry
import Shapes
import XCTest

final class SquareTests: XCTestCase {
  func testArea() {
    XCTAssertEqual(Square(corner: origin).area(), 4)
  }

  func testPerimeter() {
    XCTAssertEqual(Square(corner: origin).perimeter(), 8)
  }
}
