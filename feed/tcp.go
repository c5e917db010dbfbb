package feed

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"time"
)

// backoff returns the wait before reconnect attempt n (0 for the first after
// a failure): MinBackoff * 2^n, capped at MaxBackoff, times a random factor
// in [0.8, 1.2), capped again at MaxBackoff. Consecutive waits therefore
// grow until they reach the cap.
func backoff(c Config, n int, rnd float64) time.Duration {
	d := c.MinBackoff
	for i := 0; i < n && d < c.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, c.MaxBackoff)
	return min(time.Duration(float64(d)*(0.8+0.4*rnd)), c.MaxBackoff)
}

// runTCP dials Addr, reads lines until the connection ends, and reconnects
// with backoff until ctx ends. A connection that delivered at least one line
// resets the backoff to MinBackoff.
func (f *feed) runTCP(ctx context.Context, dialTimeout time.Duration) {
	d := net.Dialer{Timeout: dialTimeout, KeepAlive: 15 * time.Second}
	buf := make([]byte, bufSize(f.cfg.MaxLine))
	failures := 0
	connected := false
	for {
		f.setState(Connecting, "")
		conn, err := d.DialContext(ctx, "tcp", f.cfg.Addr)
		if ctx.Err() != nil {
			if conn != nil {
				conn.Close()
			}
			f.setState(Stopped, "")
			return
		}
		var why string
		if err != nil {
			f.error(err)
			why = err.Error()
		} else {
			if connected {
				f.st.reconnects.Add(1)
				f.met.reconnects.Inc()
			}
			connected = true
			f.setState(Up, "")
			stop := context.AfterFunc(ctx, func() { conn.Close() })
			before := f.st.lines.Load()
			err = f.readLines(ctx, conn, buf, f.line)
			stop()
			conn.Close()
			if ctx.Err() != nil {
				f.setState(Stopped, "")
				return
			}
			if f.st.lines.Load() > before {
				failures = 0
			}
			if errors.Is(err, io.EOF) {
				err = errors.New("connection closed by " + f.cfg.Addr)
			}
			f.error(err)
			why = err.Error()
		}
		wait := backoff(f.cfg, failures, rand.Float64())
		failures++
		f.setState(Down, why)
		f.log.Warn("feed down", "feed", f.cfg.Name, "addr", f.cfg.Addr, "err", why, "retry_in", wait)
		if f.sleep(ctx, wait) != nil {
			f.setState(Stopped, "")
			return
		}
	}
}
