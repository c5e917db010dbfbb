package nmea

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fileWant is what reading one capture must give.
type fileWant struct {
	lines, sentences, messages, multipart, skipped int64
	rejected                                       map[Reason]int64
	times                                          [NumTimeSources]int64 // none, tag, pghp, trailer
}

// corpusWant: the counts for every capture in /work/shared/data/ais. Each
// rejected line was checked by hand (see TestCorpus's log and the comments).
var corpusWant = map[string]fileWant{
	// 100 empty payloads (!AIVDM,1,1,,B,,0*25) and 20 first fragments of
	// type 5 messages whose second fragments the capture does not have
	// (8 restarted by a later message with the same sequence id, 12 still
	// pending at the end).
	"M0r13n_pyais/nmea_data_sample.txt": {lines: 898, sentences: 798, messages: 778, skipped: 0,
		rejected: map[Reason]int64{ReasonEmptyPayload: 100, ReasonOrphan: 20}, times: [4]int64{778, 0, 0, 0}},
	// 13 bad checksums: 2 truncated or corrupted VDM (359, 42137), two
	// sentences spliced (42268), 8 other lines spliced or cut
	// ($ABALR...failure*lure*46, $81130.00..., !=IV>l,0*1C ...).
	// 99 truncated lines without a checksum (73 "!AIPWR,UNIT=0,PWV",
	// "!BSVDM,1,1,,A,3", "$PJRCD," ...). 4 first fragments of =I type 5
	// messages that never got their second fragment.
	"amsa-code_risky/ais.txt": {lines: 44687, sentences: 34013, messages: 34009, skipped: 10562,
		rejected: map[Reason]int64{ReasonChecksum: 13, ReasonNoChecksum: 99, ReasonOrphan: 4}, times: [4]int64{33154, 0, 4, 851}},
	"amsa-code_risky/exact-earth-augmented-2.txt": {lines: 2138, sentences: 1135, messages: 1135, skipped: 1003,
		times: [4]int64{0, 0, 120, 1015}},
	// 4 second fragments whose first fragments are not in the capture.
	"amsa-code_risky/exact-earth-augmented-3.txt": {lines: 7672, sentences: 4317, messages: 4313, skipped: 3355,
		rejected: map[Reason]int64{ReasonOrphan: 4}, times: [4]int64{0, 0, 356, 3957}},
	"amsa-code_risky/exact-earth-augmented.txt": {lines: 7160, sentences: 3972, messages: 3972, skipped: 3188,
		times: [4]int64{0, 0, 281, 3691}},
	"amsa-code_risky/exact-earth-with-tag-block.txt": {lines: 221, sentences: 221, messages: 200, multipart: 21,
		times: [4]int64{0, 200, 0, 0}},
	"amsa-code_risky/nmea-timestamped.txt": {lines: 100, sentences: 100, messages: 100,
		times: [4]int64{0, 100, 0, 0}},
	// 8 lines hold the two fragments of a type 5 joined by a literal,
	// escaped "\r\n" after the first checksum: split and joined.
	"dma-ais_AisLib/ais250.txt": {lines: 243, sentences: 251, messages: 243, multipart: 8,
		times: [4]int64{243, 0, 0, 0}},
	"dma-ais_AisLib/decode_encode_messages.txt": {lines: 646, sentences: 646, messages: 601, multipart: 45,
		times: [4]int64{601, 0, 0, 0}},
	"dma-ais_AisLib/replay_dump.txt": {lines: 108, sentences: 51, messages: 50, multipart: 1, skipped: 57,
		times: [4]int64{0, 0, 50, 0}},
	"dma-ais_AisLib/stream_example.txt": {lines: 8551, sentences: 4500, messages: 4051, multipart: 449, skipped: 4051,
		times: [4]int64{0, 0, 4051, 0}},
}

// The rejected lines other than empty payloads, missing checksums and
// orphans, exactly.
var corpusRejectedLines = map[string]map[int]Reason{
	"amsa-code_risky/ais.txt": {
		359: ReasonChecksum, 1629: ReasonChecksum, 7046: ReasonChecksum, 8595: ReasonChecksum,
		10578: ReasonChecksum, 15422: ReasonChecksum, 24633: ReasonChecksum, 30314: ReasonChecksum,
		32946: ReasonChecksum, 42137: ReasonChecksum, 42268: ReasonChecksum, 42283: ReasonChecksum,
		43860: ReasonChecksum,
	},
}

// TestCorpus reads every capture and checks the counts above, that the
// rejections are exactly those of the reference parser, and that every
// valid VDM/VDO line ends up in a message or in an orphan.
func TestCorpus(t *testing.T) {
	files := corpusFiles()
	if len(files) == 0 {
		t.Skipf("no captures under %s", corpusDir)
	}
	if len(files) != len(corpusWant) {
		t.Errorf("%d files, want %d", len(files), len(corpusWant))
	}
	var total Stats
	for _, path := range files {
		name, _ := filepath.Rel(corpusDir, path)
		name = filepath.ToSlash(name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res := readAll(t, NewReader(bytes.NewReader(data), ReaderConfig{Source: name}))
		for _, e := range res.errs {
			t.Logf("%s:%d: %v", name, e.Line, e.Err)
		}
		st := res.stats
		w, ok := corpusWant[name]
		if !ok {
			t.Errorf("%s: unexpected file", name)
			continue
		}
		var rejected [NumReasons]int64
		for r, n := range w.rejected {
			rejected[r] = n
		}
		if st.Lines != w.lines || st.Sentences != w.sentences || st.Messages != w.messages ||
			st.Multipart != w.multipart || st.Skipped != w.skipped || st.Rejected != rejected || st.Times != w.times {
			t.Errorf("%s: got lines %d sentences %d messages %d multipart %d skipped %d rejected %v times %v\n"+
				"want lines %d sentences %d messages %d multipart %d skipped %d rejected %v times %v",
				name, st.Lines, st.Sentences, st.Messages, st.Multipart, st.Skipped, st.Rejected, st.Times,
				w.lines, w.sentences, w.messages, w.multipart, w.skipped, rejected, w.times)
		}

		// The reference parser, line by line: the same rejections, and as
		// many valid sentences and skipped lines.
		var refSentences, refSkipped int64
		refRejected := map[int]Reason{}
		for i, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			for _, piece := range refSplitEscaped(l) {
				switch r := refParse(piece); {
				case r.other:
					refSkipped++
				case r.reason == ReasonNone:
					refSentences++
				default:
					refRejected[i+1] = r.reason
				}
			}
		}
		if refSentences != st.Sentences || refSkipped != st.Skipped || !equalReasons(refRejected, res.byLine) {
			t.Errorf("%s: reference: %d sentences, %d skipped, rejected %v; reader: rejected %v",
				name, refSentences, refSkipped, refRejected, res.byLine)
		}
		for line, r := range corpusRejectedLines[name] {
			if res.byLine[line] != r {
				t.Errorf("%s:%d: %v, want %v", name, line, res.byLine[line], r)
			}
		}
		for line, r := range res.byLine {
			if r != ReasonEmptyPayload && r != ReasonNoChecksum && corpusRejectedLines[name][line] != r {
				t.Errorf("%s:%d: unexpected rejection %v", name, line, r)
			}
		}

		total.Lines += st.Lines
		total.Sentences += st.Sentences
		total.Messages += st.Messages
		total.Multipart += st.Multipart
		total.Skipped += st.Skipped
		total.OrphanFragments += st.OrphanFragments
		for r := range st.Rejected {
			total.Rejected[r] += st.Rejected[r]
		}
		for i := range st.Times {
			total.Times[i] += st.Times[i]
		}
	}

	// Totals: 72,424 lines; 50,004 valid VDM/VDO sentences (the README's
	// 50,099 less 100 empty payloads and 3 bad checksums, plus 8 second
	// sentences recovered from lines joined by an escaped "\r\n"), all in
	// the 49,452 messages (524 of two fragments) but for 28 orphaned
	// fragments.
	want := Stats{Lines: 72424, Sentences: 50004, Messages: 49452, Multipart: 524, Skipped: 22216, OrphanFragments: 28,
		Times: [NumTimeSources]int64{34776, 300, 4862, 9514}}
	want.Rejected[ReasonChecksum] = 13
	want.Rejected[ReasonNoChecksum] = 99
	want.Rejected[ReasonEmptyPayload] = 100
	want.Rejected[ReasonOrphan] = 28
	if total.Lines != want.Lines || total.Sentences != want.Sentences || total.Messages != want.Messages ||
		total.Multipart != want.Multipart || total.Skipped != want.Skipped || total.OrphanFragments != want.OrphanFragments ||
		total.Rejected != want.Rejected || total.Times != want.Times {
		t.Errorf("totals %+v\nwant %+v", total, want)
	}
	if got := total.Messages - total.Multipart + 2*total.Multipart + total.OrphanFragments; got != total.Sentences {
		t.Errorf("%d sentences in messages and orphans, %d read", got, total.Sentences)
	}
	var names []string
	for r := ReasonChecksum; r < NumReasons; r++ {
		names = append(names, r.String()+"="+itoa(total.Rejected[r]))
	}
	sort.Strings(names)
	t.Logf("rejected by reason: %s", strings.Join(names, " "))
}

func equalReasons(a, b map[int]Reason) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// excerptWant: the counts for the excerpts in testdata/nmea, which the
// tests always have.
var excerptWant = map[string]fileWant{
	"amsa-ais.txt":                        {lines: 400, sentences: 309, messages: 309, skipped: 88, rejected: map[Reason]int64{ReasonChecksum: 1, ReasonNoChecksum: 2}},
	"amsa-exact-earth-augmented-2.txt":    {lines: 40, sentences: 23, messages: 23, skipped: 17},
	"amsa-exact-earth-with-tag-block.txt": {lines: 40, sentences: 40, messages: 38, multipart: 2},
	"amsa-nmea-timestamped.txt":           {lines: 20, sentences: 20, messages: 20},
	"dma-ais250.txt":                      {lines: 11, sentences: 12, messages: 11, multipart: 1},
	"dma-stream_example.txt":              {lines: 160, sentences: 83, messages: 77, multipart: 6, skipped: 77},
	"pyais-nmea_data_sample.txt":          {lines: 120, sentences: 104, messages: 101, rejected: map[Reason]int64{ReasonEmptyPayload: 16, ReasonOrphan: 3}},
}

func TestExcerpts(t *testing.T) {
	files, _ := filepath.Glob("../testdata/nmea/*.txt")
	if len(files) != len(excerptWant) {
		t.Fatalf("%d excerpts, want %d", len(files), len(excerptWant))
	}
	for _, path := range files {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res := readAll(t, NewReader(bytes.NewReader(data), ReaderConfig{}))
		st, w := res.stats, excerptWant[name]
		var rejected [NumReasons]int64
		for r, n := range w.rejected {
			rejected[r] = n
		}
		if st.Lines != w.lines || st.Sentences != w.sentences || st.Messages != w.messages ||
			st.Multipart != w.multipart || st.Skipped != w.skipped || st.Rejected != rejected {
			t.Errorf("%s: got lines %d sentences %d messages %d multipart %d skipped %d rejected %v",
				name, st.Lines, st.Sentences, st.Messages, st.Multipart, st.Skipped, st.Rejected)
		}
	}
}
