// Command sitrep is self-hosted movement intelligence: it decodes AIS
// traffic, watches named sites and turns positions into explainable events.
// See README.md for the commands.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := newRootCmd().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "sitrep:", err)
		os.Exit(1)
	}
}
