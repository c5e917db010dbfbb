package auth

import (
	"sync"
	"time"
)

// maxLimiterAddrs bounds the limiter's memory: past it, addresses whose
// window has ended are dropped, and if none has, the oldest window is.
const maxLimiterAddrs = 10000

// limiter counts failed logins per remote address in fixed windows: after
// max failures within window of the first, the address is refused until
// that window ends. It is safe for concurrent use.
type limiter struct {
	max    int
	window time.Duration

	mu    sync.Mutex
	addrs map[string]*failures
}

type failures struct {
	start time.Time
	n     int
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, addrs: map[string]*failures{}}
}

// blocked reports whether addr is refused at now, and for how long.
func (l *limiter) blocked(addr string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.addrs[addr]
	if f == nil {
		return false, 0
	}
	end := f.start.Add(l.window)
	if !now.Before(end) {
		delete(l.addrs, addr)
		return false, 0
	}
	return f.n >= l.max, end.Sub(now)
}

// fail records a failed login from addr at now.
func (l *limiter) fail(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.addrs[addr]
	if f != nil && !now.Before(f.start.Add(l.window)) {
		f = nil
	}
	if f == nil {
		if len(l.addrs) >= maxLimiterAddrs {
			l.pruneLocked(now)
		}
		f = &failures{start: now}
		l.addrs[addr] = f
	}
	f.n++
}

// succeed forgets addr's failures.
func (l *limiter) succeed(addr string) {
	l.mu.Lock()
	delete(l.addrs, addr)
	l.mu.Unlock()
}

// pruneLocked drops ended windows, or the oldest one when none has ended.
func (l *limiter) pruneLocked(now time.Time) {
	var oldest string
	var oldestStart time.Time
	for a, f := range l.addrs {
		if !now.Before(f.start.Add(l.window)) {
			delete(l.addrs, a)
			continue
		}
		if oldest == "" || f.start.Before(oldestStart) {
			oldest, oldestStart = a, f.start
		}
	}
	if len(l.addrs) >= maxLimiterAddrs {
		delete(l.addrs, oldest)
	}
}
