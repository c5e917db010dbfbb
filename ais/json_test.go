package ais

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want string
	}{
		{12.3, 1, "12.3"}, {12.0, 1, "12"}, {0, 1, "0"}, {-0.04, 1, "0"}, {224, 1, "224"},
		{-123.39538333333333, 6, "-123.395383"}, {48.381633333333, 6, "48.381633"},
		{0.0000005, 6, "0.000001"}, {-0.5, 0, "-1"}, {102.2, 1, "102.2"},
		{1e12, 1, "1000000000000"}, {-708.7358, 3, "-708.736"}, {0.1, 3, "0.1"}, {5.05, 2, "5.05"},
	}
	for _, tt := range tests {
		got := string(appendFloat(nil, tt.v, tt.dec))
		if got != tt.want {
			t.Errorf("appendFloat(%v, %d) = %s, want %s", tt.v, tt.dec, got, tt.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("%s is not a JSON number", got)
		}
	}
}

func TestJSONStringEscaping(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`A"B\C`, `"A\"B\\C"`},
		{"tab\tnl\n\x01", `"tab\tnl\n\u0001"`},
		{"Ørsund ✓", `"Ørsund ✓"`},
		{"bad\xffutf8", `"bad\ufffdutf8"`},
	}
	for _, tt := range tests {
		got := string(AppendJSONString(nil, tt.in))
		if got != tt.want {
			t.Errorf("AppendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%s: %v", got, err)
		}
	}
}

func TestJSONWriterNesting(t *testing.T) {
	var j JSONWriter
	j.Reset(nil)
	j.Begin()
	j.Int("a", 1)
	j.BeginArray("list")
	j.BeginObject("")
	j.Bool("x", true)
	j.EndObject()
	j.BeginObject("")
	j.EndObject()
	j.EndArray()
	j.BeginObject("o")
	j.Text("t", []byte(`q"`))
	j.Binary("data", []byte{0xAB, 0xC0}, 10)
	j.EndObject()
	j.Float("f", 1.5, 1)
	j.End()
	want := `{"a":1,"list":[{"x":true},{}],"o":{"t":"q\"","data":"abc0","data_bits":10},"f":1.5}`
	if got := string(j.Bytes()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestJSONMatchesStructTags checks that the hand-written JSON of each real
// message has the same field names and values as encoding/json applied to
// the struct, so the two stay in step.
func TestJSONMatchesStructTags(t *testing.T) {
	d := NewDecoder()
	seen := map[uint8]int{}
	for _, p := range singlePayloads(t) {
		m, err := d.Decode(p.data, p.fill)
		if m == nil || err != nil {
			continue
		}
		if seen[m.Head().Type] > 20 {
			continue
		}
		seen[m.Head().Type]++
		fast := AppendJSON(nil, m)
		if !json.Valid(fast) {
			t.Fatalf("%s: invalid JSON %s", p.data, fast)
		}
		slow, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var a, b map[string]any
		if err := json.Unmarshal(fast, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(slow, &b); err != nil {
			t.Fatal(err)
		}
		for k, bv := range b {
			av, ok := a[k]
			if !ok {
				t.Errorf("type %d: field %q in struct JSON but not in fast JSON\n fast %s\n slow %s", m.Head().Type, k, fast, slow)
				continue
			}
			af, aok := av.(float64)
			bf, bok := bv.(float64)
			if aok && bok {
				tol := 1e-6 // lat/lon are written with 6 decimals
				if k == "rot" {
					tol = 5e-4
				}
				if d := af - bf; d > tol || d < -tol {
					t.Errorf("type %d: %s = %v, struct says %v", m.Head().Type, k, af, bf)
				}
				continue
			}
			if ab, _ := json.Marshal(av); string(ab) != mustMarshal(bv) {
				t.Errorf("type %d: %s = %s, struct says %s", m.Head().Type, k, ab, mustMarshal(bv))
			}
		}
		for k := range a {
			if _, ok := b[k]; !ok {
				t.Errorf("type %d: field %q in fast JSON but not in struct JSON\n fast %s\n slow %s", m.Head().Type, k, fast, slow)
			}
		}
		if t.Failed() {
			return
		}
	}
}

func mustMarshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestAppendInt(t *testing.T) {
	for _, v := range []int64{0, 1, 9, 10, 99, 100, 101, 999, 1000, 12345, 371798000, -1, -10, -128, -9223372036854775808, 9223372036854775807} {
		if got, want := string(appendInt(nil, v)), strconv.FormatInt(v, 10); got != want {
			t.Errorf("appendInt(%d) = %s", v, got)
		}
	}
}

// TestAppendFloatProperty: for random values, the text parses back to the
// value rounded to the given decimals, with no trailing zeros.
func TestAppendFloatProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := range 200000 {
		v := (r.Float64()*2 - 1) * math.Pow(10, float64(r.IntN(9)))
		d := i % 7
		s := string(appendFloat(nil, v, d))
		got, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%v, %d: %q", v, d, s)
		}
		if want := math.Round(v*pow10[d]) / pow10[d]; math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Fatalf("appendFloat(%v, %d) = %s, want %v", v, d, s, want)
		}
		if strings.Contains(s, ".") && strings.HasSuffix(s, "0") || strings.HasSuffix(s, ".") {
			t.Fatalf("appendFloat(%v, %d) = %s has trailing zeros", v, d, s)
		}
	}
}
