package chunk_test

import (
	"fmt"

	"github.com/sitrep-osint/sitrep/chunk"
)

func Example() {
	// Three reports of a vessel at 12 kn heading west, 10 s apart.
	track := []chunk.Point{
		{T: 1737800000000, Lat: 21000000, Lon: 21480000, SOG: 120, COG: 2700, Heading: 270, Flags: 1},
		{T: 1737800010000, Lat: 21000001, Lon: 21479590, SOG: 120, COG: 2701, Heading: 270, Flags: 1},
		{T: 1737800020000, Lat: 21000001, Lon: 21479180, SOG: 121, COG: 2701, Heading: 270, Flags: 1},
	}
	enc := chunk.NewEncoder(nil)
	for _, p := range track {
		if err := enc.Append(p); err != nil {
			fmt.Println(err)
			return
		}
	}
	b := enc.Bytes()

	info, err := chunk.Stat(b) // the header alone: for indexes and area queries
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d points in %d bytes, %d..%d, box %+v\n", info.Count, len(b), info.MinTime, info.MaxTime, info.BBox)

	it, err := chunk.NewIterator(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for it.Next() {
		p := it.At()
		fmt.Println(p.T, p.Lat, p.Lon, p.SOG, p.COG)
	}
	if err := it.Err(); err != nil {
		fmt.Println(err)
	}

	// An older point is refused.
	fmt.Println(enc.Append(chunk.Point{T: 1737800015000}))
	// Output:
	// 3 points in 71 bytes, 1737800000000..1737800020000, box {MinLat:21000000 MaxLat:21000001 MinLon:21479180 MaxLon:21480000}
	// 1737800000000 21000000 21480000 120 2700
	// 1737800010000 21000001 21479590 120 2701
	// 1737800020000 21000001 21479180 121 2701
	// chunk: point out of time order: point 3 at 1737800015000 ms is before the previous one at 1737800020000 ms
}
