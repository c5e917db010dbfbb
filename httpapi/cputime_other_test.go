//go:build !linux

package httpapi

// threadCPU is not available here: it returns false.
func threadCPU() (int64, bool) { return 0, false }
