package feed

import (
	"net"
	"strings"
	"testing"
	"time"
)

// TestUDPDatagrams sends real capture lines over UDP, several to a
// datagram, with junk and an over-long line among them.
func TestUDPDatagrams(t *testing.T) {
	lines := captureLines(t, "amsa-timestamped.nmea")[:7]
	c := newCollector()
	m := NewManager(c.handle, Options{Logger: quietLogger()})
	defer m.Close()
	if err := m.Start(t.Context(), Config{Name: "udp", Kind: UDP, Addr: ":0", MaxLine: 100}); err != nil {
		t.Fatal(err)
	}
	st := waitState(t, m, "udp", Up)
	if !strings.HasPrefix(st.Addr, "127.0.0.1:") || strings.HasSuffix(st.Addr, ":0") {
		t.Fatalf("bound to %q, want loopback and the port picked", st.Addr)
	}
	conn, err := net.Dial("udp", st.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	datagrams := []string{
		lines[0] + "\r\n" + lines[1] + "\r\n" + lines[2] + "\r\n", // three lines
		lines[3], // one, without a line end
		"\x00\x01\x02\xff\xfe" + "\n" + lines[4] + "\n", // junk, then a line
		strings.Repeat("7", 101) + "\n" + lines[5],      // over-long, then a line
		"\r\n\n", // blank lines only
		lines[6] + "\n",
	}
	var total int
	for _, d := range datagrams {
		if _, err := conn.Write([]byte(d)); err != nil {
			t.Fatal(err)
		}
		total += len(d)
		time.Sleep(time.Millisecond) // loopback UDP does not drop, but keep the order obvious
	}
	got := c.waitLines(t, len(lines))
	if strings.Join(got, "\n") != strings.Join(lines, "\n") {
		t.Fatalf("lines:\n%q\nwant\n%q", got, lines)
	}
	deadline := time.Now().Add(5 * time.Second)
	for (st.Bytes < uint64(total) || st.Lines < 7) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
		st, _ = m.Status("udp")
	}
	if st.Lines != 7 || st.Bytes != uint64(total) || st.DroppedBy[DropJunk] != 1 || st.DroppedBy[DropTooLong] != 1 {
		t.Errorf("status %+v: want 7 lines, %d bytes, 1 junk and 1 too long", st, total)
	}
	promptly(t, "Stop a UDP feed", 2*time.Second, func() error { return m.Stop("udp") })
	// the port is free again: the same address can be bound at once
	if err := m.Start(t.Context(), Config{Name: "udp", Kind: UDP, Addr: st.Addr}); err != nil {
		t.Errorf("restart on %s: %v", st.Addr, err)
	}
}

func TestUDPBindError(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	m := NewManager(func(string, []byte, time.Time) {}, Options{Logger: quietLogger()})
	defer m.Close()
	err = m.Start(t.Context(), Config{Name: "busy", Kind: UDP, Addr: pc.LocalAddr().String()})
	if err == nil || !strings.Contains(err.Error(), "cannot listen") || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("Start on a busy port: %v", err)
	}
	if len(m.Statuses()) != 0 {
		t.Error("a feed that failed to start is listed")
	}
}
