//go:build !unix

package chunk

// processCPU is not available here; see cputime_unix_test.go.
func processCPU() int64 { return -1 }
