import Geometry
import Shapes

// Prints the area of the default square: a program the tests start.
print(Square(corner: origin).area())
