import Geometry
import Testing

@Suite struct PointTests {
  @Test func distance() {
    #expect(Point(x: 3, y: 4).distanceSquared(to: origin) == 25)
  }

  @Test func originIsOrigin() {
    #expect(origin.isOrigin)
  }

  @Test(arguments: [1, 2]) func notOrigin(x: Int) {
    #expect(!Point(x: x, y: 0).isOrigin)
  }
}
