package main

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// dataDirFlag adds --data to cmd and returns a function giving the data
// directory: the flag, else $SITREP_DATA, else $XDG_DATA_HOME/sitrep, else
// ~/.local/share/sitrep.
func dataDirFlag(cmd *cobra.Command) func() string {
	var dir string
	cmd.Flags().StringVar(&dir, "data", "", "data directory (default $SITREP_DATA, else $XDG_DATA_HOME/sitrep or ~/.local/share/sitrep)")
	return func() string {
		if dir != "" {
			return dir
		}
		if d := os.Getenv("SITREP_DATA"); d != "" {
			return d
		}
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "sitrep")
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "sitrep")
		}
		return "sitrep-data"
	}
}
