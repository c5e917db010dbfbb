package sqlite

// sortKeys sorts keys of the form mmsi<<32 | i, where the low halves are
// distinct and ascending in keys' order (indices into a batch), as
// slices.Sort would: by MMSI, in input order within an MMSI. It is a stable
// least-significant-digit radix sort on the high half, 8 bits a pass, that
// skips the passes whose digit is the same in every key; tmp is scratch
// of at least len(keys), and the result is in keys. A batch of 50,000
// positions of 20,000 vessels sorts in 0.74 ms against slices.Sort's 4.5
// (BenchmarkSortKeys).
func sortKeys(keys, tmp []uint64) {
	if len(keys) < 2 {
		return
	}
	tmp = tmp[:len(keys)]
	src, dst := keys, tmp
	for shift := uint(32); shift < 64; shift += 8 {
		var count [256]int
		for _, k := range src {
			count[byte(k>>shift)]++
		}
		if count[byte(src[0]>>shift)] == len(src) {
			continue // one digit value: this pass would change nothing
		}
		at := 0
		for d, c := range count {
			count[d] = at
			at += c
		}
		for _, k := range src {
			d := byte(k >> shift)
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}
