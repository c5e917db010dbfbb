package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// run executes the sitrep command line with args and returns stdout and
// stderr.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errb bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SetIn(strings.NewReader(stdin))
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), errb.String(), err
}

// TestDecodeGolden decodes each bundled real capture and compares the JSON
// Lines and the summary with the reviewed golden files.
func TestDecodeGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/ais/*.nmea")
	if len(files) < 5 {
		t.Fatalf("bundled captures missing: %v", files)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".nmea")
		t.Run(name, func(t *testing.T) {
			out, summary, err := run(t, "", "decode", f)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("../../testdata/golden", name+".jsonl")
			goldenSum := filepath.Join("../../testdata/golden", name+".summary")
			if *update {
				os.WriteFile(golden, []byte(out), 0o644)
				os.WriteFile(goldenSum, []byte(summary), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			wantSum, _ := os.ReadFile(goldenSum)
			if out != string(want) {
				t.Errorf("output differs from %s: first difference at line %d", golden, firstDiff(out, string(want)))
			}
			if summary != string(wantSum) {
				t.Errorf("summary differs:\n got %s\nwant %s", summary, wantSum)
			}
		})
	}
}

func firstDiff(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}

// TestDecodeOutputIsJSON checks every output line of every bundled capture
// is one valid JSON object with the common fields.
func TestDecodeOutputIsJSON(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/ais/*.nmea")
	out, _, err := run(t, "", append([]string{"decode"}, files...)...)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v: %s", n+1, err, sc.Bytes())
		}
		for _, k := range []string{"type", "repeat", "mmsi"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("line %d lacks %q: %s", n+1, k, sc.Bytes())
			}
		}
		n++
	}
	if n < 5000 {
		t.Errorf("only %d messages", n)
	}
}

func TestDecodeStdinQuietAndErrors(t *testing.T) {
	in := strings.Join([]string{
		`!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A`,
		`!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B`, // bad checksum
		`$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*76`,
		`\s:rEV02,c:1334337317*58\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj` + "`" + `26B0<02,0*5F`,
	}, "\n")
	out, summary, err := run(t, in, "decode")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 messages, got %q", out)
	}
	if !strings.Contains(lines[0], `"mmsi":371798000`) || !strings.Contains(lines[0], `"channel":"A"`) {
		t.Errorf("first message: %s", lines[0])
	}
	if !strings.Contains(lines[1], `"received":"2012-04-13T17:15:17Z"`) || !strings.Contains(lines[1], `"tag":{"s":"rEV02","c":1334337317}`) {
		t.Errorf("tag block message: %s", lines[1])
	}
	for _, want := range []string{"4 lines", "2 valid AIS sentences", "2 messages decoded", "1 rejected", "1 other sentences skipped", "by type: 1:2", "rejected: checksum: 1"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}

	out, stderr, err := run(t, in, "decode", "--quiet", "--errors")
	if err != nil {
		t.Fatal(err)
	}
	if out != "" {
		t.Errorf("--quiet printed %q", out)
	}
	if !strings.Contains(stderr, "stdin:2:") || !strings.Contains(stderr, "checksum") {
		t.Errorf("--errors should name line 2 and the reason:\n%s", stderr)
	}
}

func TestDecodeMissingFile(t *testing.T) {
	_, _, err := run(t, "", "decode", "no-such-file.nmea")
	if err == nil || !strings.Contains(err.Error(), "no-such-file.nmea") {
		t.Errorf("err = %v", err)
	}
}

func TestVersion(t *testing.T) {
	out, _, err := run(t, "", "version")
	if err != nil || !strings.HasPrefix(out, "sitrep ") {
		t.Errorf("version: %q %v", out, err)
	}
}

// TestDecodeWholeCorpus decodes every real capture in shared/data/ais and
// checks that everything that carries a valid AIS payload decodes, and that
// the rejections are exactly the broken lines, by reason (each one was
// checked by hand; see the nmea package's corpus test for the line list).
func TestDecodeWholeCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/data/ais/*/*.txt")
	if len(files) == 0 {
		t.Skip("shared/data/ais not found beside the repository")
	}
	_, summary, err := run(t, "", append([]string{"decode", "--quiet"}, files...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"72424 lines, 50004 valid AIS sentences, 49447 messages decoded (77 with a short payload, decoded partly), 245 rejected, 22216 other sentences skipped",
		"by type: 1:28995 2:7 3:4949 4:5526 5:4496 6:140 7:31 8:165 9:46 10:39 11:18 12:17 13:15 14:17 15:98 16:59 17:148 18:3132 19:4 20:533 21:397 22:16 23:27 24:535 25:21 26:13 27:3",
		// 100 empty payloads (pyais sample); 99 truncated lines without a
		// checksum and 13 with a wrong one (ais.txt); 28 fragments whose
		// partner never came; 4 one-character payloads and 1 type 63
		// (exact-earth satellite files).
		"rejected: empty-payload: 100, no-checksum: 99, orphan: 28, checksum: 13, short-header: 4, unknown-type: 1",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
}
