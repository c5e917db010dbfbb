package ais

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Test expectations in the *_test.go files of types 4, 6-17, 20-23, 25 and
// 26 come from real captures under shared/data/ais unless said otherwise.
// Their values were checked against two independent decodes: gpsd 3.22's
// gpsdecode (Debian package gpsd-clients) run on the original sentences,
// and a hand decode of the bits (a separate bit-slicing script written from
// the M.1371-5 tables). Fields gpsd does not print (for example acknowledged
// sequence numbers, the assigned-mode bit of type 21) come from the hand
// decode alone. Where a value was derived differently, the case says so.

// otherDecode decodes one armored payload with a new Decoder.
func otherDecode(t *testing.T, payload string, fill int) (Message, error) {
	t.Helper()
	return NewDecoder().Decode([]byte(payload), fill)
}

// otherCase is a table test: a payload, whether a *ShortError is expected,
// and the complete JSON object that AppendJSON must produce (compared
// key by key, numbers within 1e-6, so absent fields must be missing).
type otherCase struct {
	name    string
	payload string
	fill    int
	short   bool
	want    string
}

func runOtherCases(t *testing.T, cases []otherCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := otherDecode(t, c.payload, c.fill)
			checkOtherErr(t, err, c.short)
			if m == nil {
				t.Fatalf("nil message (err %v)", err)
			}
			checkOtherJSON(t, m, c.want)
		})
	}
}

// checkOtherErr checks that err is a *ShortError when short is set and nil
// otherwise.
func checkOtherErr(t *testing.T, err error, short bool) {
	t.Helper()
	var se *ShortError
	switch {
	case short && !errors.As(err, &se):
		t.Errorf("err = %v, want *ShortError", err)
	case short && !errors.Is(err, ErrShort):
		t.Errorf("err = %v does not wrap ErrShort", err)
	case !short && err != nil:
		t.Errorf("err = %v, want nil", err)
	}
}

// checkOtherJSON compares m's JSON encoding with want.
func checkOtherJSON(t *testing.T, m Message, want string) {
	t.Helper()
	got := AppendJSON(nil, m)
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("AppendJSON produced invalid JSON %s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want %s: %v", want, err)
	}
	if diff := otherJSONDiff("", g, w); diff != "" {
		t.Errorf("%s\n got %s\nwant %s", diff, got, want)
	}
	// encoding/json applied to the struct tags must agree.
	slow, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	var s any
	if err := json.Unmarshal(slow, &s); err != nil {
		t.Fatalf("json.Marshal produced invalid JSON %s: %v", slow, err)
	}
	if diff := otherJSONDiff("", s, w); diff != "" {
		t.Errorf("encoding/json: %s\n got %s\nwant %s", diff, slow, want)
	}
}

// otherJSONDiff describes the first difference between two decoded JSON
// values, or returns "".
func otherJSONDiff(path string, g, w any) string {
	switch wv := w.(type) {
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: got %v, want an object", path, g)
		}
		keys := make([]string, 0, len(wv)+len(gv))
		for k := range wv {
			keys = append(keys, k)
		}
		for k := range gv {
			if _, ok := wv[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			a, inG := gv[k]
			b, inW := wv[k]
			switch {
			case !inG:
				return fmt.Sprintf("%s.%s: missing, want %v", path, k, b)
			case !inW:
				return fmt.Sprintf("%s.%s: got %v, want absent", path, k, a)
			}
			if d := otherJSONDiff(path+"."+k, a, b); d != "" {
				return d
			}
		}
		return ""
	case []any:
		gv, ok := g.([]any)
		if !ok || len(gv) != len(wv) {
			return fmt.Sprintf("%s: got %v, want %v", path, g, w)
		}
		for i := range wv {
			if d := otherJSONDiff(path+"["+strconv.Itoa(i)+"]", gv[i], wv[i]); d != "" {
				return d
			}
		}
		return ""
	case float64:
		gv, ok := g.(float64)
		if !ok || math.Abs(gv-wv) > 1e-6 {
			return fmt.Sprintf("%s: got %v, want %v", path, g, w)
		}
		return ""
	default:
		if !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("%s: got %#v, want %#v", path, g, w)
		}
		return ""
	}
}

// otherReuse decodes first and then second with one Decoder and checks the
// second message's JSON, so that no field of the first survives.
func otherReuse(t *testing.T, first otherCase, second otherCase) {
	t.Helper()
	d := NewDecoder()
	if _, err := d.Decode([]byte(first.payload), first.fill); err != nil && !first.short {
		t.Fatalf("first: %v", err)
	}
	m, err := d.Decode([]byte(second.payload), second.fill)
	checkOtherErr(t, err, second.short)
	if m == nil {
		t.Fatalf("nil message (err %v)", err)
	}
	checkOtherJSON(t, m, second.want)
}

func TestOtherNewMessage(t *testing.T) {
	want := map[int]reflect.Type{
		4: reflect.TypeFor[*BaseStationReport](), 11: reflect.TypeFor[*BaseStationReport](),
		6: reflect.TypeFor[*AddressedBinary](), 8: reflect.TypeFor[*BinaryBroadcast](),
		7: reflect.TypeFor[*BinaryAck](), 13: reflect.TypeFor[*BinaryAck](),
		9: reflect.TypeFor[*SARPosition](), 10: reflect.TypeFor[*UTCInquiry](),
		12: reflect.TypeFor[*AddressedSafety](), 14: reflect.TypeFor[*SafetyBroadcast](),
		15: reflect.TypeFor[*Interrogation](), 16: reflect.TypeFor[*AssignmentCommand](),
		17: reflect.TypeFor[*DGNSSBroadcast](), 20: reflect.TypeFor[*DataLinkManagement](),
		21: reflect.TypeFor[*AidToNavigation](), 22: reflect.TypeFor[*ChannelManagement](),
		23: reflect.TypeFor[*GroupAssignment](), 25: reflect.TypeFor[*SingleSlotBinary](),
		26: reflect.TypeFor[*MultiSlotBinary](),
	}
	for ty := -1; ty <= 64; ty++ {
		m := newOtherMessage(ty)
		wt, mine := want[ty]
		switch {
		case !mine && m != nil:
			t.Errorf("newOtherMessage(%d) = %T, want nil", ty, m)
		case mine && (m == nil || reflect.TypeOf(m) != wt):
			t.Errorf("newOtherMessage(%d) = %T, want %v", ty, m, wt)
		}
	}
}

// TestOtherHeaderOnly decodes every type of this file set from payloads
// holding only the 38-bit header: a *ShortError (every type needs more),
// and valid JSON. It then decodes each type from all-zero and all-one
// payloads of every length up to 1008 bits: no panic, valid JSON.
func TestOtherHeaderOnly(t *testing.T) {
	for ty := range 28 {
		if newOtherMessage(ty) == nil {
			continue
		}
		c := byte(ty + 48)
		if ty >= 40 {
			c = byte(ty + 56)
		}
		for _, p := range []string{string(c) + "000000", string(c) + "wwwwww"} {
			m, err := NewDecoder().Decode([]byte(p), 4)
			if !errors.Is(err, ErrShort) || m == nil {
				t.Errorf("type %d %q: m=%v err=%v, want a message and ErrShort", ty, p, m, err)
				continue
			}
			if !json.Valid(AppendJSON(nil, m)) {
				t.Errorf("type %d %q: invalid JSON %s", ty, p, AppendJSON(nil, m))
			}
		}
		d := NewDecoder()
		for _, fillc := range []byte{'0', 'w'} {
			p := []byte{c}
			for len(p) < 168 {
				p = append(p, fillc)
				for fill := range 6 {
					m, err := d.Decode(p, fill)
					if m == nil {
						if !errors.Is(err, ErrShort) {
							t.Errorf("type %d, %d chars fill %d: %v", ty, len(p), fill, err)
						}
						continue
					}
					if !json.Valid(AppendJSON(nil, m)) {
						t.Errorf("type %d %q: invalid JSON %s", ty, p, AppendJSON(nil, m))
					}
				}
			}
		}
	}
}

// otherCorpusDirs are the places where the shared AIS captures may be: the
// copy beside a clone of the repository, or the development machine's.
var otherCorpusDirs = []string{"../../shared/data/ais", "/work/shared/data/ais"}

// TestOtherCorpus decodes every single-sentence payload of the types of
// this file set found in the shared captures: no panic, valid JSON, and a
// log of the payloads shorter than their type requires.
func TestOtherCorpus(t *testing.T) {
	var files []string
	for _, dir := range otherCorpusDirs {
		files, _ = filepath.Glob(filepath.Join(dir, "*", "*.txt"))
		if len(files) > 0 {
			break
		}
	}
	if len(files) == 0 {
		t.Skip("no AIS captures found")
	}
	type count struct{ n, short, other int }
	counts := map[int]*count{}
	d := NewDecoder()
	var buf []byte
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			payload, fill, ok := otherSingleSentence(sc.Text())
			if !ok {
				continue
			}
			ty := int(armor[payload[0]])
			if newOtherMessage(ty) == nil {
				continue
			}
			c := counts[ty]
			if c == nil {
				c = &count{}
				counts[ty] = c
			}
			c.n++
			m, err := d.Decode([]byte(payload), fill)
			switch {
			case errors.Is(err, ErrShort):
				c.short++
			case err != nil:
				c.other++
			}
			if m != nil {
				buf = AppendJSON(buf[:0], m)
				if !json.Valid(buf) {
					t.Errorf("%s: %q: invalid JSON %s", f, payload, buf)
				}
			}
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	types := make([]int, 0, len(counts))
	for ty := range counts {
		types = append(types, ty)
	}
	sort.Ints(types)
	var sb strings.Builder
	for _, ty := range types {
		c := counts[ty]
		fmt.Fprintf(&sb, "\n  type %2d: %5d payloads, %4d short, %3d other errors", ty, c.n, c.short, c.other)
	}
	t.Logf("single-sentence payloads decoded:%s", sb.String())
}

// otherSingleSentence extracts the payload and fill bits of a 1-of-1
// VDM/VDO sentence anywhere in line (after tag blocks or other prefixes).
func otherSingleSentence(line string) (p string, fill int, ok bool) {
	i := strings.Index(line, "VDM,")
	if i < 0 {
		i = strings.Index(line, "VDO,")
	}
	if i < 0 {
		return "", 0, false
	}
	f := strings.Split(line[i:], ",")
	if len(f) < 7 || f[1] != "1" || f[2] != "1" || f[5] == "" {
		return "", 0, false
	}
	fs, _, _ := strings.Cut(f[6], "*")
	fill, err := strconv.Atoi(fs)
	if err != nil {
		return "", 0, false
	}
	return f[5], fill, true
}

// TestOtherDecodeAllocs checks that decoding the test payloads of this file
// set allocates nothing once the Decoder has seen them (strings are
// interned; short payloads are left out, as their *ShortError allocates).
func TestOtherDecodeAllocs(t *testing.T) {
	var all []otherCase
	for _, cs := range [][]otherCase{baseStationCases, binaryCases, appCases, ackCases, sarCases, safetyCases,
		interrogationCases, assignmentCases, dgnssCases, dataLinkCases, atonCases, channelCases, groupCases} {
		for _, c := range cs {
			if !c.short {
				all = append(all, c)
			}
		}
	}
	d := NewDecoder()
	for _, c := range all {
		d.Decode([]byte(c.payload), c.fill)
	}
	payloads := make([][]byte, len(all))
	for i, c := range all {
		payloads[i] = []byte(c.payload)
	}
	i := 0
	allocs := testing.AllocsPerRun(10*len(all), func() {
		d.Decode(payloads[i%len(all)], all[i%len(all)].fill)
		i++
	})
	if allocs != 0 {
		t.Errorf("decoding allocates %v times per message", allocs)
	}
}
