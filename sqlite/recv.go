package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The recv column of a chunk row holds, for each point of the chunk in
// order, the latency Received-T in milliseconds of the point's first
// Provenance (0 for a point without one). Latencies repeat (0 for feeds
// without tag blocks, a near constant for others), so they are run-length
// encoded:
//
//	byte 0     recvVersion
//	then runs  uvarint run length (>= 1), zigzag varint latency
//
// with run lengths summing to the chunk's point count and nothing after the
// last run.
const recvVersion = 1

// errRecv is wrapped by every error of decodeRecv.
var errRecv = errors.New("sqlite: corrupt recv column")

// appendRecv appends the encoding of lat to dst.
func appendRecv(dst []byte, lat []int64) []byte {
	dst = append(dst, recvVersion)
	for i := 0; i < len(lat); {
		j := i + 1
		for j < len(lat) && lat[j] == lat[i] {
			j++
		}
		dst = binary.AppendUvarint(dst, uint64(j-i))
		dst = binary.AppendVarint(dst, lat[i])
		i = j
	}
	return dst
}

// decodeRecv appends the n latencies encoded in b to dst.
//
// Errors: an error wrapping errRecv when b is not the encoding of exactly
// n latencies; dst is then returned unchanged.
func decodeRecv(b []byte, n int, dst []int64) ([]int64, error) {
	if len(b) == 0 || b[0] != recvVersion {
		return dst, fmt.Errorf("%w: missing or unknown version", errRecv)
	}
	start := len(dst)
	for i := 1; i < len(b); {
		run, k := binary.Uvarint(b[i:])
		if k <= 0 || run == 0 || run > uint64(n-(len(dst)-start)) {
			return dst[:start], fmt.Errorf("%w: bad run length at byte %d", errRecv, i)
		}
		i += k
		v, k := binary.Varint(b[i:])
		if k <= 0 {
			return dst[:start], fmt.Errorf("%w: bad latency at byte %d", errRecv, i)
		}
		i += k
		for range run {
			dst = append(dst, v)
		}
	}
	if len(dst)-start != n {
		return dst[:start], fmt.Errorf("%w: %d latencies, want %d", errRecv, len(dst)-start, n)
	}
	return dst, nil
}

// recvRuns walks a recv column run by run, without expanding it.
type recvRuns struct {
	b    []byte
	i    int    // next byte of b
	left uint64 // latencies left in the current run
	cur  int64
	err  error // why next last returned false
}

// reset starts walking b; errRecv when its version is wrong.
func (r *recvRuns) reset(b []byte) error {
	if len(b) == 0 || b[0] != recvVersion {
		return fmt.Errorf("%w: missing or unknown version", errRecv)
	}
	*r = recvRuns{b: b, i: 1}
	return nil
}

// next returns the next latency and true, or false when the column ends
// or breaks first; r.err then wraps errRecv.
func (r *recvRuns) next() (int64, bool) {
	if r.left == 0 {
		return r.nextRun()
	}
	r.left--
	return r.cur, true
}

// nextRun reads the next run and returns its first latency, as next does.
// Runs are often a single latency (receipt jitter), so the one- and
// two-byte forms of a run of one are decoded in line.
func (r *recvRuns) nextRun() (int64, bool) {
	b, i := r.b, r.i
	if i+1 < len(b) && b[i] == 1 && b[i+1] < 0x80 { // run of one, one-byte latency
		r.i = i + 2
		return zigzag(uint64(b[i+1])), true
	}
	if i+2 < len(b) && b[i] == 1 && b[i+2] < 0x80 { // run of one, two-byte latency
		r.i = i + 3
		return zigzag(uint64(b[i+1]&0x7f) | uint64(b[i+2])<<7), true
	}
	if i >= len(b) {
		r.err = fmt.Errorf("%w: fewer latencies than points", errRecv)
		return 0, false
	}
	run, k := binary.Uvarint(b[i:])
	if k <= 0 || run == 0 {
		r.err = fmt.Errorf("%w: bad run length at byte %d", errRecv, i)
		return 0, false
	}
	i += k
	v, k := binary.Varint(b[i:])
	if k <= 0 {
		r.err = fmt.Errorf("%w: bad latency at byte %d", errRecv, i)
		return 0, false
	}
	r.i = i + k
	r.left, r.cur = run-1, v
	return v, true
}

// zigzag decodes a zigzag-encoded varint value, as binary.Varint does.
func zigzag(u uint64) int64 {
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// done reports whether every latency was read and nothing follows.
func (r *recvRuns) done() bool { return r.left == 0 && r.i == len(r.b) }
