package geo

// Shape is an area on the Earth's surface: a site geometry such as a
// Polygon or a Circle.
type Shape interface {
	// Contains reports whether p lies inside the shape. Points exactly on
	// the boundary may be reported either way.
	Contains(p Point) bool
	// Bounds returns a box that contains every point for which Contains is
	// true (it may be larger). It returns an empty box (see Box.Empty) for
	// a shape that contains nothing.
	Bounds() Box
}

var (
	_ Shape = Polygon{}
	_ Shape = Circle{}
	_ Shape = Box{}
)

// Bounds returns b itself, so that a Box is a Shape.
func (b Box) Bounds() Box { return b }
