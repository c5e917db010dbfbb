// Package benchclock reads the process's CPU time for benchmarks: on a
// shared machine wall time also counts the time other processes ran, so
// the project's benchmarks report CPU time per op beside it.
package benchclock

import "time"

// ProcessCPU returns the CPU time (user and system) the process has used so
// far, or 0 where the platform does not say.
func ProcessCPU() time.Duration { return processCPU() }
