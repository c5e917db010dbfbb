package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/live"
)

// Stream limits.
const (
	// streamBatch is how many waiting messages one flush carries at most.
	streamBatch = 256
	// streamWriteTimeout bounds one write to a stream client; a client that
	// takes longer is gone.
	streamWriteTimeout = 10 * time.Second
)

// streamFilter reads bbox, mmsi, kind (position, event) and event_kind.
func streamFilter(r *http.Request) (live.Filter, error) {
	q := r.URL.Query()
	var f live.Filter
	var err error
	if f.Area, err = ParseBBox(q.Get("bbox")); err != nil {
		return f, err
	}
	if f.MMSI, err = parseMMSI("mmsi", q.Get("mmsi")); err != nil {
		return f, err
	}
	if k := q.Get("kind"); k != "" {
		f.Kinds = map[string]bool{}
		for p := range strings.SplitSeq(k, ",") {
			p = strings.TrimSpace(p)
			if p != live.KindPosition && p != live.KindEvent {
				return f, sitrep.Errorf(sitrep.EINVALID, "kind %q: want position, event or both (comma-separated)", clip(p))
			}
			f.Kinds[p] = true
		}
	}
	if f.EventKinds, err = parseEventKinds(q.Get("event_kind")); err != nil {
		return f, err
	}
	return f, nil
}

// stream answers GET /api/stream with Server-Sent Events: "position"
// events carrying a LiveVessel, "event" events carrying an Event, a
// ": ping" comment every PingInterval. It ends when the client goes, or
// when the hub drops the subscription because the client fell behind (then
// with a final "dropped" event). The hub never waits for this handler.
func (s *server) stream(w http.ResponseWriter, r *http.Request) error {
	f, err := streamFilter(r)
	if err != nil {
		return err
	}
	if s.cfg.Hub == nil {
		return sitrep.Errorf(sitrep.ENOTFOUND, "this server has no live stream")
	}
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a server WriteTimeout would end every stream
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	sub := s.cfg.Hub.Subscribe(f)
	defer sub.Close()
	s.metrics.streams.Inc()
	defer s.metrics.streams.Dec()
	ping := time.NewTicker(s.ping)
	defer ping.Stop()

	var buf bytes.Buffer
	var sent []live.Message
	flush := func() bool {
		rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		_, err := w.Write(buf.Bytes())
		buf.Reset()
		if err == nil {
			err = rc.Flush()
		}
		for _, m := range sent {
			sub.Sent(m)
		}
		sent = sent[:0]
		return err == nil
	}
	buf.WriteString("retry: 3000\n: connected\n\n")
	if !flush() {
		return nil
	}
	ctx := r.Context()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-sub.Done():
			if errors.Is(sub.Err(), live.ErrSlow) {
				buf.WriteString("event: dropped\ndata: {\"reason\":\"slow\",\"message\":\"the client fell behind the stream; reconnect\"}\n\n")
				flush()
			}
			return nil
		case <-ping.C:
			buf.WriteString(": ping\n\n")
			if !flush() {
				return nil
			}
		case m := <-sub.C():
			writeMessage(&buf, m)
			sent = append(sent, m)
		more:
			for len(sent) < streamBatch {
				select {
				case m := <-sub.C():
					writeMessage(&buf, m)
					sent = append(sent, m)
				default:
					break more
				}
			}
			if !flush() {
				return nil
			}
		}
	}
}

// writeMessage appends m as one SSE event.
func writeMessage(buf *bytes.Buffer, m live.Message) {
	var v any
	switch m.Kind {
	case live.KindPosition:
		v = m.Vessel
	case live.KindEvent:
		v = m.Event
	default:
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	buf.WriteString("event: ")
	buf.WriteString(m.Kind)
	buf.WriteString("\ndata: ")
	buf.Write(b) // JSON has no raw newline
	buf.WriteString("\n\n")
}
