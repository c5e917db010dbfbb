package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
)

// receivedFlag adds --received, which says what receive time sentences
// without a timestamp of their own get, and returns a function giving the
// clock for one input.
//
//	file  (default) the input file's modification time, the same for all its
//	      lines, so that a replay of the same file is deterministic;
//	      standard input reads the wall clock instead
//	now   the wall clock when each line is read (for live pipes)
//	TIME  an RFC 3339 time, for all lines
func receivedFlag(cmd *cobra.Command) func(name string) (func() time.Time, error) {
	v := cmd.Flags().String("received", "file", `receive time of sentences without a timestamp: "file" (the file's modification time), "now" (wall clock), or an RFC 3339 time`)
	return func(name string) (func() time.Time, error) {
		switch *v {
		case "now":
			return time.Now, nil
		case "file", "":
			if name == "-" {
				return time.Now, nil
			}
			fi, err := os.Stat(name)
			if err != nil {
				return nil, err
			}
			t := fi.ModTime().UTC()
			return func() time.Time { return t }, nil
		}
		t, err := time.Parse(time.RFC3339Nano, *v)
		if err != nil {
			return nil, fmt.Errorf(`--received %q: want "file", "now" or an RFC 3339 time like 2025-01-25T06:00:00Z`, *v)
		}
		t = t.UTC()
		return func() time.Time { return t }, nil
	}
}
