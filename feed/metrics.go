package feed

import (
	"errors"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the Prometheus collectors of a Manager. They exist (and are
// updated) even without a Registerer, so the feed code has one path.
type metrics struct {
	lines, bytes, reconnects *prometheus.CounterVec
	dropped                  *prometheus.CounterVec
	up                       *prometheus.GaugeVec
}

func newMetrics(reg prometheus.Registerer, log *slog.Logger) *metrics {
	m := &metrics{
		lines: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sitrep_feed_lines_total", Help: "Lines a feed passed on to the pipeline.",
		}, []string{"feed"}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sitrep_feed_bytes_total", Help: "Bytes a feed read from its source, line ends and dropped lines included.",
		}, []string{"feed"}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sitrep_feed_dropped_total", Help: "Lines a feed dropped, by reason (too_long, junk).",
		}, []string{"feed", "reason"}),
		reconnects: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sitrep_feed_reconnects_total", Help: "TCP connections a feed made after its first one.",
		}, []string{"feed"}),
		up: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "sitrep_feed_up", Help: "1 while a feed is reading (state up), else 0.",
		}, []string{"feed"}),
	}
	if reg == nil {
		return m
	}
	// A collector already registered (a second Manager on the same
	// registry) is shared rather than refused.
	register := func(c prometheus.Collector) prometheus.Collector {
		err := reg.Register(c)
		var are prometheus.AlreadyRegisteredError
		switch {
		case err == nil:
			return c
		case errors.As(err, &are):
			return are.ExistingCollector
		default:
			log.Warn("feed metrics not registered", "err", err)
			return c
		}
	}
	m.lines = register(m.lines).(*prometheus.CounterVec)
	m.bytes = register(m.bytes).(*prometheus.CounterVec)
	m.dropped = register(m.dropped).(*prometheus.CounterVec)
	m.reconnects = register(m.reconnects).(*prometheus.CounterVec)
	m.up = register(m.up).(*prometheus.GaugeVec)
	return m
}

// feedMetrics are one feed's series, looked up once.
type feedMetrics struct {
	lines, bytes, reconnects, tooLong, junk prometheus.Counter
	up                                      prometheus.Gauge
}

func (m *metrics) forFeed(name string) feedMetrics {
	return feedMetrics{
		lines:      m.lines.WithLabelValues(name),
		bytes:      m.bytes.WithLabelValues(name),
		reconnects: m.reconnects.WithLabelValues(name),
		tooLong:    m.dropped.WithLabelValues(name, DropTooLong),
		junk:       m.dropped.WithLabelValues(name, DropJunk),
		up:         m.up.WithLabelValues(name),
	}
}

// remove deletes a feed's series, when the feed is stopped and forgotten.
func (m *metrics) remove(name string) {
	m.lines.DeleteLabelValues(name)
	m.bytes.DeleteLabelValues(name)
	m.reconnects.DeleteLabelValues(name)
	m.dropped.DeleteLabelValues(name, DropTooLong)
	m.dropped.DeleteLabelValues(name, DropJunk)
	m.up.DeleteLabelValues(name)
}
