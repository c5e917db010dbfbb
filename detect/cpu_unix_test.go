//go:build unix

package detect

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the process has used, for
// benchmarks on a shared machine, where wall time counts other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
