package httpapi

import (
	"syscall"
	"unsafe"
)

// clockThreadCPUTime is CLOCK_THREAD_CPUTIME_ID of clock_gettime(2).
const clockThreadCPUTime = 3

// threadCPU returns the CPU time the calling OS thread has used, in
// nanoseconds, and true. The caller must hold runtime.LockOSThread for the
// difference of two readings to be its own. On a shared machine it leaves
// out the time other processes take the CPU, which wall-clock percentiles
// include.
func threadCPU() (int64, bool) {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano(), errno == 0
}
