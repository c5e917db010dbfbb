package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/sitrep-osint/sitrep/sqlite"
	"github.com/spf13/cobra"
)

func newReplayCmd() *cobra.Command {
	var progress bool
	cmd := &cobra.Command{
		Use:   "replay FILE...",
		Short: "Ingest NMEA captures into the store",
		Long: `Replay decodes AIS NMEA captures (as sitrep decode does) and ingests them into
the store in the data directory: positions with their provenance and
plausibility flags, vessels with their identity, voyage and history of
changes. Event time comes from each sentence's tag block, trailer or $PGHP
header; sentences without one get the receive time chosen by --received
(by default the file's modification time, so that replaying the same file
gives the same store).

A progress line is shown on a terminal; a summary is printed at the end.`,
		Example: `  sitrep replay --data ./data testdata/ais/*.nmea
  sitrep simulate --vessels 2000 --duration 1h | sitrep replay -`,
		Args: cobra.MinimumNArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	detectFlag := cmd.Flags().Bool("detect", true, "detect events (visits, transits, gaps, ...) with the default parameters and the bundled and stored sites")
	received := receivedFlag(cmd)
	cmd.Flags().BoolVar(&progress, "progress", isTerminal(os.Stderr), "show a progress line on stderr")
	cpuProfile := cmd.Flags().String("cpuprofile", "", "write a Go CPU profile to this file (for performance work)")
	_ = cmd.Flags().MarkHidden("cpuprofile")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		if *cpuProfile != "" {
			stop, err := startCPUProfile(*cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		start := time.Now()
		store, err := sqlite.Open(ctx, dataDir(), sqlite.Options{})
		if err != nil {
			return err
		}
		p, err := newPipeline(ctx, store, pipelineOptions{detect: *detectFlag})
		if err != nil {
			store.Close()
			return err
		}
		fail := func(err error) error { // stop the writer, then close the store
			p.stop()
			store.Close()
			return err
		}
		var lines, sentences, messages, skipped int64
		for _, name := range args {
			recv, err := received(name)
			if err != nil {
				return fail(err)
			}
			r, size, closeFn, err := openInput(name, cmd.InOrStdin())
			if err != nil {
				return fail(err)
			}
			pr := &progressReader{r: r, size: size}
			show := func(st nmea.Stats) {
				if progress {
					pr.show(cmd.ErrOrStderr(), name, st.Sentences+sentences, time.Since(start))
				}
			}
			st, _, err := p.nmeaStream(name, pr, recv, show)
			closeFn()
			lines, sentences, messages, skipped = lines+st.Lines, sentences+st.Sentences, messages+st.Messages, skipped+st.Skipped
			if err != nil {
				return fail(fmt.Errorf("%s: %w", name, err))
			}
		}
		if progress {
			fmt.Fprint(cmd.ErrOrStderr(), "\r\033[K")
		}
		if err := p.finish(); err != nil {
			store.Close()
			return err
		}
		if err := store.Close(); err != nil {
			return err
		}
		el := time.Since(start)
		fmt.Fprintf(cmd.ErrOrStderr(), "sitrep replay: %d lines, %d valid AIS sentences, %d messages, %d other sentences skipped, %d rejected lines, %d undecodable payloads\n",
			lines, sentences, messages, skipped, p.rejected, p.decodeErrs)
		fmt.Fprintf(cmd.ErrOrStderr(), "  stored %d positions of %d vessels, %d identity changes and %d events in %s (%.0f sentences/s) into %s\n",
			p.positions, p.state.Len(), p.changesN, len(p.eventIDs), el.Round(time.Millisecond), float64(sentences)/el.Seconds(), dataDir())
		return nil
	}
	return cmd
}

// openInput opens a file, or standard input for "-"; size is 0 when
// unknown.
func openInput(name string, stdin io.Reader) (io.Reader, int64, func(), error) {
	if name == "-" {
		return stdin, 0, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, nil, err
	}
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	return f, size, func() { f.Close() }, nil
}

// progressReader counts bytes for the progress line.
type progressReader struct {
	r    io.Reader
	size int64
	n    int64
	last time.Time
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	return n, err
}

// show redraws the progress line at most five times a second.
func (p *progressReader) show(w io.Writer, name string, sentences int64, el time.Duration) {
	if time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	pct := ""
	if p.size > 0 {
		pct = fmt.Sprintf(" %3.0f%%", 100*float64(p.n)/float64(p.size))
	}
	fmt.Fprintf(w, "\r\033[Kreplay %s%s  %d sentences  %.0f/s", name, pct, sentences, float64(sentences)/el.Seconds())
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
