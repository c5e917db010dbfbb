//go:build unix

package chunk

import "syscall"

// processCPU returns the CPU time the process has used, in nanoseconds, or
// -1 when it is not available. Benchmarks report it beside wall time: on a
// shared machine wall time also counts the time other processes ran.
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
