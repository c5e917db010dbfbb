package feed

import (
	"bytes"
	"context"
	"errors"
	"net"
)

// maxDatagram is the largest UDP payload.
const maxDatagram = 64 << 10

// runUDP reads datagrams from pc until ctx ends. A datagram may hold several
// lines; its end ends its last line. All lines of a datagram get the time it
// was read.
func (f *feed) runUDP(ctx context.Context, pc net.PacketConn) {
	stop := context.AfterFunc(ctx, func() { pc.Close() })
	defer stop()
	defer pc.Close()
	buf := make([]byte, maxDatagram)
	f.setState(Up, "")
	for {
		n, _, err := pc.ReadFrom(buf)
		if ctx.Err() != nil {
			f.setState(Stopped, "")
			return
		}
		if err != nil {
			f.error(err)
			if errors.Is(err, net.ErrClosed) {
				f.setState(Failed, err.Error())
				return
			}
			continue
		}
		at := f.now()
		f.addBytes(n)
		d := buf[:n]
		for len(d) > 0 {
			line := d
			if i := bytes.IndexByte(d, '\n'); i >= 0 {
				line, d = d[:i], d[i+1:]
			} else {
				d = nil
			}
			f.line(line, at)
		}
		f.flush()
	}
}
