package main

import (
	"fmt"
	"os"
	"time"

	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/spf13/cobra"
)

// receivedFlag adds --received, which says what receive time
// (Provenance.Received) the lines of an input get, and returns a function
// giving the clock for one input.
//
//	file  (default) a replayed capture: a line with a timestamp of its own
//	      (tag block c:, trailer, $PGHP) was received when it says, since
//	      that is the receiving station's record; a line without one gets
//	      the file's modification time. The same file always gives the same
//	      store. Standard input reads the wall clock instead.
//	now   the wall clock when each line is read (live pipes)
//	TIME  as file, with an RFC 3339 time for lines without a timestamp
func receivedFlag(cmd *cobra.Command) func(name string) (func(*nmea.Message) time.Time, error) {
	v := cmd.Flags().String("received", "file", `receive time of the lines: "file" (their own timestamp, else the file's modification time), "now" (wall clock), or an RFC 3339 time for lines without a timestamp`)
	wall := func(*nmea.Message) time.Time { return time.Now() }
	replayed := func(t time.Time) func(*nmea.Message) time.Time {
		return func(m *nmea.Message) time.Time {
			if !m.Time.IsZero() {
				return m.Time
			}
			return t
		}
	}
	return func(name string) (func(*nmea.Message) time.Time, error) {
		switch *v {
		case "now":
			return wall, nil
		case "file", "":
			if name == "-" {
				return wall, nil
			}
			fi, err := os.Stat(name)
			if err != nil {
				return nil, err
			}
			return replayed(fi.ModTime().UTC()), nil
		}
		t, err := time.Parse(time.RFC3339Nano, *v)
		if err != nil {
			return nil, fmt.Errorf(`--received %q: want "file", "now" or an RFC 3339 time like 2025-01-25T06:00:00Z`, *v)
		}
		return replayed(t.UTC()), nil
	}
}
