//go:build !unix

package detect

import "time"

// cpuTime returns zero where the CPU time is not available.
func cpuTime() time.Duration { return 0 }
