package main

import "github.com/spf13/cobra"

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "sitrep",
		Short: "Movement intelligence from AIS and analysts' reports",
		Long: `sitrep decodes AIS vessel traffic (NMEA 0183 !AIVDM/!AIVDO), watches named
sites and turns positions into explainable events, beside analysts' graded
reports.

Start with:
  sitrep decode capture.nmea        decode a capture to JSON Lines
  sitrep decode --quiet capture.nmea  only count messages and rejections`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newVersionCmd(), newDecodeCmd(), newSimulateCmd(), newReplayCmd(), newImportCmd(),
		newVesselsCmd(), newVesselCmd(), newTrackCmd())
	root.AddCommand(newSitesCmd())
	root.AddCommand(newEventsCmd())
	root.AddCommand(newDetectCmd(defaultDetectOptions()))
	root.AddCommand(newReportsCmd())
	root.AddCommand(newBriefCmd())
	root.AddCommand(newUsersCmd(), newTokensCmd(), newAuditCmd())
	root.AddCommand(newServeCmd())
	return root
}
