package gazetteer

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/nmea"
)

// corpusGlob names the shared real-world AIS captures, relative to this
// package's directory.
const corpusGlob = "../../shared/data/ais/*/*.txt"

// corpusDestinations decodes every type 5 message in the shared AIS corpus
// and returns the count of messages per destination (types 19 and 24 carry
// no destination). It skips the test when the corpus is absent.
func corpusDestinations(tb testing.TB) map[string]int {
	tb.Helper()
	files, err := filepath.Glob(corpusGlob)
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Skipf("no AIS corpus at %s", corpusGlob)
	}
	out := make(map[string]int)
	for _, fn := range files {
		f, err := os.Open(fn)
		if err != nil {
			tb.Fatal(err)
		}
		r := nmea.NewReader(f, nmea.ReaderConfig{Source: fn})
		d := ais.NewDecoder()
		for {
			m, err := r.Next()
			if err == io.EOF {
				break
			}
			var pe *nmea.ParseError
			if errors.As(err, &pe) {
				continue
			}
			if err != nil {
				f.Close()
				tb.Fatalf("%s: %v", fn, err)
			}
			msg, err := d.Decode(m.Payload, m.FillBits)
			if err != nil {
				continue // short or broken payloads are the decoder's business
			}
			if s, ok := msg.(*ais.StaticVoyageData); ok {
				out[strings.Clone(s.Destination)]++
			}
		}
		f.Close()
	}
	return out
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Resolution rate over the shared AIS corpus, as observed when this test was
// written; a change in the rules or the table shows up here. Every
// unresolved destination is logged with its reason, and every low-confidence
// one with its port, so that a human can check that nothing was guessed
// (go test -run TestCorpusResolution -v ./gazetteer).
const (
	wantDistinct         = 1537 // distinct destinations, including ""
	wantDistinctResolved = 766
	wantMessages         = 4478 // type 5 messages decoded
	wantMessagesResolved = 2584
)

func TestCorpusResolution(t *testing.T) {
	g := mustDefault(t)
	dests := corpusDestinations(t)
	var distinct, resolved, msgs, msgsResolved int
	methods := make(map[string]int)
	reasons := make(map[string]int)
	for _, d := range sortedKeys(dests) {
		n := dests[d]
		r := g.Resolve(d)
		distinct++
		msgs += n
		if r.Port != nil {
			resolved++
			msgsResolved += n
			methods[r.Method]++
			if r.Confidence == ConfidenceLow {
				t.Logf("low  %-22q -> %s %s, %s (%s)", d, r.Port.LOCODE, r.Port.Name, r.Port.Country, r.Method)
			}
			continue
		}
		kind, _, _ := strings.Cut(r.Reason, " (")
		kind, _, _ = strings.Cut(kind, ":")
		reasons[kind]++
		t.Logf("miss %-22q x%d: %s", d, n, r.Reason)
	}
	t.Logf("distinct destinations: %d, resolved %d (%.1f%%)", distinct, resolved, 100*float64(resolved)/float64(distinct))
	t.Logf("type 5 messages: %d, resolved %d (%.1f%%)", msgs, msgsResolved, 100*float64(msgsResolved)/float64(msgs))
	t.Logf("methods: %v", methods)
	t.Logf("unresolved by reason: %v", reasons)
	if distinct != wantDistinct || resolved != wantDistinctResolved || msgs != wantMessages || msgsResolved != wantMessagesResolved {
		t.Errorf("resolved %d of %d distinct destinations and %d of %d messages, want %d of %d and %d of %d",
			resolved, distinct, msgsResolved, msgs, wantDistinctResolved, wantDistinct, wantMessagesResolved, wantMessages)
	}
}

func mustDefault(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return g
}
