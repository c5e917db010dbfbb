package sqlite

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-osint/sitrep"
)

// killDirEnv names the data directory of the TestKillHelper child process.
const killDirEnv = "SITREP_SQLITE_KILL_DIR"

// killBatch returns SIMULATED batch k of the kill test: 50 vessels, 40
// fixes each, in the hour k after simStart, in an order that is not
// sorted, with one extra receipt per vessel.
func killBatch(k int) []sitrep.Position {
	f := newSimFleet(uint64(k), 50)
	f.now = simStart.Add(time.Duration(k) * time.Hour).UnixMilli()
	for i := range f.vessels {
		f.vessels[i].interval, f.vessels[i].next = 60_000, f.now+int64(i)*1000
	}
	ps := f.batch(2000)
	for i := range 50 {
		ps[i].Sources = append(ps[i].Sources, sitrep.Provenance{Feed: "sim", Station: "SIM-KILL", Received: ps[i].Time.Add(time.Second)})
	}
	for i := 0; i+1 < len(ps); i += 2 {
		ps[i], ps[i+1] = ps[i+1], ps[i]
	}
	return ps
}

// TestKillHelper is the child process of TestKill: it adds batches until
// it is killed, printing "committed k" after batch k is stored. It does
// nothing unless run by TestKill.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv(killDirEnv)
	if dir == "" {
		t.Skip("only run as the child of TestKill")
	}
	s, err := Open(t.Context(), dir, Options{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	for k := 0; k < 100_000; k++ {
		if err := s.AddPositions(t.Context(), killBatch(k)); err != nil {
			fmt.Println("add:", err)
			os.Exit(2)
		}
		fmt.Printf("committed %d\n", k)
	}
}

// TestKill kills a process in the middle of adding positions and checks
// that the store opens cleanly and holds every batch reported committed.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.v=false")
	cmd.Env = append(os.Environ(), killDirEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killAfter := 8 + int(time.Now().UnixNano()%8) // vary where it dies
	committed := -1
	killed := false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		num, ok := strings.CutPrefix(line, "committed ")
		if !ok {
			continue // test framework output
		}
		k, err := strconv.Atoi(num)
		if err != nil || k != committed+1 {
			t.Fatalf("child said %q after committed %d", line, committed)
		}
		committed = k
		if k == killAfter && !killed {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("child ended before it was killed (after batch %d): %v", committed, err)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v, want SIGKILL", err)
	}
	t.Logf("killed after %d batches reported committed", committed+1)

	s := openTest(t, dir, Options{})
	defer s.Close()
	if err := s.Check(t.Context()); err != nil {
		t.Fatalf("after kill: %v", err)
	}
	world := sitrep.Area{MinLat: -90, MinLon: -180, MaxLat: 90, MaxLon: 180}
	for k := 0; k <= committed; k++ {
		want := killBatch(k)
		r := sitrep.TimeRange{From: simStart.Add(time.Duration(k) * time.Hour), To: simStart.Add(time.Duration(k+1) * time.Hour)}
		got, err := s.PositionsIn(t.Context(), world, r, 0)
		if err != nil {
			t.Fatal(err)
		}
		sortPositions(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("batch %d: %d positions after the kill, want %d equal ones", k, len(got), len(want))
		}
	}
	// The store still takes writes.
	if err := s.AddPositions(t.Context(), killBatch(committed+1000)); err != nil {
		t.Fatalf("AddPositions after kill: %v", err)
	}
}

// sortPositions sorts ps by time then MMSI, stably, as PositionsIn orders
// them.
func sortPositions(ps []sitrep.Position) {
	st := make([]stored, len(ps))
	for i := range ps {
		st[i] = stored{mmsi: ps[i].MMSI}
		st[i].T = ps[i].Time.UnixMilli()
		st[i].lat = int64(i)
	}
	sortStored(st)
	out := make([]sitrep.Position, len(ps))
	for i := range st {
		out[i] = ps[st[i].lat]
	}
	copy(ps, out)
}
