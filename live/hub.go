package live

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sitrep-osint/sitrep"
)

// Message is one item of the live stream.
type Message struct {
	// Kind is KindPosition ("position", Vessel set) or KindEvent ("event",
	// Event set: a new event or a new state of an open one).
	Kind   string
	Vessel *Vessel
	Event  *sitrep.Event
	// At is when ingest received the sentence that led to the message (for
	// latency metrics); zero when unknown.
	At time.Time
	// Published is when Publish fanned the message out; Publish sets it.
	Published time.Time
}

// Errors a Subscription ends with (see Subscription.Err).
var (
	// ErrSlow: the subscriber's buffer was full when a message arrived, so
	// it was dropped rather than slow everyone down.
	ErrSlow = errors.New("live: subscriber fell behind and was dropped")
	// ErrClosed: the subscriber closed the subscription, or the hub was
	// closed.
	ErrClosed = errors.New("live: subscription closed")
)

// DefaultBuffer is the per-subscriber buffer NewHub uses for a buffer <= 0.
const DefaultBuffer = 4096

// Hub fans messages out to subscribers. Publish never blocks: each
// subscriber has a bounded buffer, and one whose buffer is full when a
// message for it arrives is dropped (its Done channel closes, Err returns
// ErrSlow) and counted. Every method is safe for concurrent use.
type Hub struct {
	buffer int
	now    func() time.Time

	mu     sync.Mutex                      // serialises changes to subs
	subs   atomic.Pointer[[]*Subscription] // copy on write; Publish reads it lock-free
	closed bool                            // under mu

	subscribers prometheus.Gauge
	published   prometheus.Counter
	delivered   prometheus.Counter
	dropped     *prometheus.CounterVec
	latency     prometheus.Histogram
	endToEnd    prometheus.Histogram
}

// HubOption configures NewHub.
type HubOption func(*Hub)

// WithClock makes the hub read the time from now (default time.Now).
func WithClock(now func() time.Time) HubOption { return func(h *Hub) { h.now = now } }

// NewHub returns a hub giving each subscriber a buffer of buffer messages
// (DefaultBuffer when buffer <= 0). Its metrics are registered with reg
// when reg is not nil (it panics, as prometheus.Registerer.MustRegister
// does, when they are registered already):
//
//	sitrep_live_subscribers                      gauge: current subscribers
//	sitrep_live_published_total                  counter: messages published
//	sitrep_live_delivered_total                  counter: messages reported sent (Subscription.Sent)
//	sitrep_live_dropped_subscribers_total{reason} counter: subscribers dropped ("slow")
//	sitrep_live_deliver_seconds                  histogram: Publish to Subscription.Sent
//	sitrep_live_ingest_to_deliver_seconds        histogram: Message.At to Subscription.Sent
func NewHub(buffer int, reg prometheus.Registerer, opts ...HubOption) *Hub {
	if buffer <= 0 {
		buffer = DefaultBuffer
	}
	h := &Hub{buffer: buffer, now: time.Now,
		subscribers: prometheus.NewGauge(prometheus.GaugeOpts{Name: "sitrep_live_subscribers",
			Help: "Current live stream subscribers."}),
		published: prometheus.NewCounter(prometheus.CounterOpts{Name: "sitrep_live_published_total",
			Help: "Messages (positions and events) published to the live stream."}),
		delivered: prometheus.NewCounter(prometheus.CounterOpts{Name: "sitrep_live_delivered_total",
			Help: "Messages written to live stream clients."}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sitrep_live_dropped_subscribers_total",
			Help: "Live stream subscribers dropped, by reason (slow: their buffer was full)."}, []string{"reason"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "sitrep_live_deliver_seconds",
			Help:    "Time from publishing a live message to writing it to a client.",
			Buckets: latencyBuckets}),
		endToEnd: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "sitrep_live_ingest_to_deliver_seconds",
			Help:    "Time from receiving a sentence on a feed to writing the resulting message to a client.",
			Buckets: latencyBuckets}),
	}
	for _, o := range opts {
		o(h)
	}
	h.dropped.WithLabelValues("slow")
	empty := []*Subscription{}
	h.subs.Store(&empty)
	if reg != nil {
		reg.MustRegister(h.subscribers, h.published, h.delivered, h.dropped, h.latency, h.endToEnd)
	}
	return h
}

// latencyBuckets spans 0.5 ms to about 4 s.
var latencyBuckets = prometheus.ExponentialBuckets(0.0005, 2, 14)

// Publish sends m to every subscriber whose filter matches it, without
// blocking: a subscriber whose buffer is full is dropped. It sets
// m.Published. The Vessel and Event m points to are shared by every
// subscriber and must not be modified afterwards.
func (h *Hub) Publish(m Message) {
	m.Published = h.now()
	h.published.Inc()
	var slow []*Subscription
	for _, s := range *h.subs.Load() {
		if s.ended.Load() || !s.filter.Match(&m) {
			continue
		}
		select {
		case s.c <- m:
		default:
			slow = append(slow, s)
		}
	}
	for _, s := range slow {
		h.remove(s, ErrSlow)
	}
}

// Subscribe returns a new subscription receiving the messages that match
// f from now on. On a closed hub the subscription is returned ended
// (Done closed, Err ErrClosed). The caller must Close it when done.
func (h *Hub) Subscribe(f Filter) *Subscription {
	s := &Subscription{hub: h, filter: f, c: make(chan Message, h.buffer), done: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		s.end(ErrClosed)
		return s
	}
	old := *h.subs.Load()
	subs := make([]*Subscription, len(old), len(old)+1)
	copy(subs, old)
	subs = append(subs, s)
	h.subs.Store(&subs)
	h.subscribers.Set(float64(len(subs)))
	return s
}

// Len returns the number of current subscribers.
func (h *Hub) Len() int { return len(*h.subs.Load()) }

// Close ends every subscription (ErrClosed) and makes later ones end at
// once. Publish after Close does nothing.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for _, s := range *h.subs.Load() {
		s.end(ErrClosed)
	}
	empty := []*Subscription{}
	h.subs.Store(&empty)
	h.subscribers.Set(0)
}

// remove takes s out of the hub and ends it with err, once.
func (h *Hub) remove(s *Subscription, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	old := *h.subs.Load()
	i := -1
	for j, x := range old {
		if x == s {
			i = j
			break
		}
	}
	if i < 0 {
		return // removed already
	}
	subs := make([]*Subscription, 0, len(old)-1)
	subs = append(append(subs, old[:i]...), old[i+1:]...)
	h.subs.Store(&subs)
	h.subscribers.Set(float64(len(subs)))
	if err == ErrSlow {
		h.dropped.WithLabelValues("slow").Inc()
	}
	s.end(err)
}

// Subscription is one subscriber's stream of messages.
type Subscription struct {
	hub    *Hub
	filter Filter
	c      chan Message
	done   chan struct{}
	ended  atomic.Bool
	once   sync.Once
	err    atomic.Pointer[error]
}

// C returns the channel of messages, in publishing order. It is never
// closed: select on Done too.
func (s *Subscription) C() <-chan Message { return s.c }

// Done returns a channel closed when the subscription ends: dropped for
// falling behind, closed by Close, or the hub closed. Messages still
// buffered in C may be read after it.
func (s *Subscription) Done() <-chan struct{} { return s.done }

// Err returns nil while the subscription is live, then why it ended:
// ErrSlow or ErrClosed.
func (s *Subscription) Err() error {
	if p := s.err.Load(); p != nil {
		return *p
	}
	return nil
}

// Close ends the subscription; it may be called more than once.
func (s *Subscription) Close() { s.hub.remove(s, ErrClosed); s.end(ErrClosed) }

// Sent records that m, received from C, was written to the client: it
// counts it and observes the publish-to-deliver latency (and, when m.At is
// set, the ingest-to-deliver latency).
func (s *Subscription) Sent(m Message) {
	h := s.hub
	now := h.now()
	h.delivered.Inc()
	if !m.Published.IsZero() {
		h.latency.Observe(now.Sub(m.Published).Seconds())
	}
	if !m.At.IsZero() {
		h.endToEnd.Observe(now.Sub(m.At).Seconds())
	}
}

// end marks s ended with err and closes Done, the first time only.
func (s *Subscription) end(err error) {
	s.once.Do(func() {
		s.err.Store(&err)
		s.ended.Store(true)
		close(s.done)
	})
}
