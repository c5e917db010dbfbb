package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/sites"
	"github.com/spf13/cobra"
)

func newSitesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sites",
		Short: "List, add, import and export the sites that detection watches",
		Long: `Sites are named places that detection watches: ports, naval and air bases,
anchorages, checkpoints, straits and canals, or anything you draw.

The effective set is the bundled catalogue (every port of the NGA World Port
Index, approved UN/LOCODE ports the WPI lacks, the straits and canals that
matter for naval logistics, and the sites of the Tartus story) overlaid by the
sites stored in the data directory: a stored site with a catalogue ID
replaces the catalogue's. See docs/sites.md.`,
		Example: `  sitrep sites list --kind naval_base
  sitrep sites list --text tartus --format json
  sitrep sites add --id tartus-pier --name "Tartus pier" --kind naval_base --circle 34.912,35.871,400
  sitrep sites import my-sites.geojson
  sitrep sites export --kind strait > straits.geojson`,
	}
	cmd.AddCommand(newSitesListCmd(), newSitesAddCmd(), newSitesImportCmd(), newSitesExportCmd(), newSitesDeleteCmd())
	return cmd
}

// sitesFilter adds --kind and --text and returns a function that builds
// the filter from them.
func sitesFilter(cmd *cobra.Command) func() (sitrep.SiteFilter, error) {
	var kind, text string
	cmd.Flags().StringVar(&kind, "kind", "", "only sites of this kind: "+strings.Join(kindNames(), ", "))
	cmd.Flags().StringVar(&text, "text", "", "only sites whose ID, name, alias or LOCODE starts with this (case-insensitive)")
	return func() (sitrep.SiteFilter, error) {
		f := sitrep.SiteFilter{Text: text}
		if kind != "" {
			k, err := sitrep.ParseSiteKind(kind)
			if err != nil {
				return f, flagErr("--kind", err)
			}
			f.Kind = k
		}
		return f, nil
	}
}

// flagErr prefixes the message of a domain error with the flag it came
// from, keeping its code.
func flagErr(flag string, err error) error {
	var e *sitrep.Error
	if errors.As(err, &e) && e.Message != "" {
		return &sitrep.Error{Code: e.Code, Message: flag + ": " + e.Message, Err: err}
	}
	return fmt.Errorf("%s: %w", flag, err)
}

func kindNames() []string {
	out := make([]string, len(sitrep.SiteKinds))
	for i, k := range sitrep.SiteKinds {
		out[i] = string(k)
	}
	return out
}

// effectiveSites returns the effective sites that f matches (Limit
// applied) and the IDs of the stored ones.
func effectiveSites(cmd *cobra.Command, dir string, f sitrep.SiteFilter) ([]sitrep.Site, map[string]bool, error) {
	ctx, s, err := openStore(cmd, dir)
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	cat, err := sites.Catalogue()
	if err != nil {
		return nil, nil, err
	}
	stored, err := s.Sites(ctx, sitrep.SiteFilter{})
	if err != nil {
		return nil, nil, err
	}
	mine := make(map[string]bool, len(stored))
	for _, st := range stored {
		mine[st.ID] = true
	}
	var out []sitrep.Site
	for _, site := range sites.Overlay(cat, stored) {
		if f.Match(site) {
			out = append(out, site)
			if f.Limit > 0 && len(out) == f.Limit {
				break
			}
		}
	}
	return out, mine, nil
}

func newSitesListCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the effective sites (catalogue and stored), sorted by ID",
		Example: `  sitrep sites list --text tartus
  sitrep sites list --kind strait --format json`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	format := formatFlag(cmd)
	filter := sitesFilter(cmd)
	cmd.Flags().IntVar(&limit, "limit", 0, "at most this many sites (0: all)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		f, err := filter()
		if err != nil {
			return err
		}
		f.Limit = limit
		list, mine, err := effectiveSites(cmd, dataDir(), f)
		if err != nil {
			return err
		}
		if *format == "json" {
			if list == nil {
				list = []sitrep.Site{}
			}
			return writeJSON(cmd.OutOrStdout(), list)
		}
		tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tKIND\tNAME\tCC\tLOCODE\tSHAPE\tORIGIN")
		for _, s := range list {
			origin := "catalogue"
			if mine[s.ID] {
				origin = "stored"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Kind, s.Name, s.Country, s.LOCODE, shapeText(s.Shape), origin)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "%d sites\n", len(list))
		return nil
	}
	return cmd
}

func shapeText(sh sitrep.Shape) string {
	switch sh.Kind {
	case sitrep.ShapeCircle:
		return fmt.Sprintf("circle %.5f,%.5f r=%gm", sh.Center.Lat, sh.Center.Lon, sh.RadiusM)
	case sitrep.ShapePolygon:
		n := 0
		for _, r := range sh.Rings {
			n += len(r)
		}
		holes := ""
		if len(sh.Rings) > 1 {
			holes = fmt.Sprintf(", %d holes", len(sh.Rings)-1)
		}
		return fmt.Sprintf("polygon %d points%s", n, holes)
	case sitrep.ShapeLine:
		return fmt.Sprintf("line %d points", len(sh.Line))
	}
	return string(sh.Kind)
}

func newSitesAddCmd() *cobra.Command {
	var (
		site                  sitrep.Site
		kind                  string
		circle, polygon, line string
		params                []string
	)
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Store a site (replacing any stored site with its ID)",
		Long: `Store a site in the data directory. Give exactly one shape: --circle,
--polygon or --line. A stored site with the ID of a catalogue site takes its
place in the effective set.`,
		Example: `  sitrep sites add --id tartus-pier --name "Tartus pier" --kind naval_base --circle 34.912,35.871,400 \
      --alias "PMTO pier" --country SY --param min_dwell_min=30
  sitrep sites add --id tartus-bay --name "Tartus bay" --kind anchorage \
      --polygon "34.88 35.82,34.93 35.82,34.93 35.86,34.88 35.86"`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	fl := cmd.Flags()
	fl.StringVar(&site.ID, "id", "", "site ID: lower-case letters, digits and hyphens (required)")
	fl.StringVar(&site.Name, "name", "", "site name (required)")
	fl.StringVar(&kind, "kind", "", "site kind (required): "+strings.Join(kindNames(), ", "))
	fl.StringVar(&circle, "circle", "", "circle: LAT,LON,RADIUS_M")
	fl.StringVar(&polygon, "polygon", "", `polygon: "LAT LON,LAT LON,..." (at least 3 points)`)
	fl.StringVar(&line, "line", "", `gate line: "LAT LON,LAT LON,..." (at least 2 points)`)
	fl.StringArrayVar(&site.Aliases, "alias", nil, "another name (repeatable)")
	fl.StringVar(&site.Country, "country", "", "ISO 3166-1 alpha-2 country code")
	fl.StringVar(&site.LOCODE, "locode", "", "UN/LOCODE, like SYTTS")
	fl.StringArrayVar(&params, "param", nil, "detection parameter override name=value (repeatable)")
	fl.StringVar(&site.Source, "source", "", "where the geometry came from")
	fl.BoolVar(&site.Approximate, "approximate", false, "the geometry is hand-drawn or approximate")
	fl.StringVar(&site.Notes, "notes", "", "free text")
	for _, f := range []string{"id", "name", "kind"} {
		_ = cmd.MarkFlagRequired(f)
	}
	cmd.MarkFlagsOneRequired("circle", "polygon", "line")
	cmd.MarkFlagsMutuallyExclusive("circle", "polygon", "line")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		k, err := sitrep.ParseSiteKind(kind)
		if err != nil {
			return flagErr("--kind", err)
		}
		site.Kind = k
		switch {
		case circle != "":
			site.Shape, err = parseCircle(circle)
		case polygon != "":
			var pts []sitrep.LatLon
			pts, err = parsePoints("--polygon", polygon)
			site.Shape = sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{pts}}
		default:
			var pts []sitrep.LatLon
			pts, err = parsePoints("--line", line)
			site.Shape = sitrep.Shape{Kind: sitrep.ShapeLine, Line: pts}
		}
		if err != nil {
			return err
		}
		if site.Params, err = parseSiteParams(params); err != nil {
			return err
		}
		if err := site.Validate(); err != nil {
			return err
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		if err := s.PutSite(ctx, site); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "stored site %s (%s, %s)\n", site.ID, site.Kind, shapeText(site.Shape))
		return nil
	}
	return cmd
}

func parseCircle(v string) (sitrep.Shape, error) {
	parts := strings.Split(v, ",")
	bad := sitrep.Errorf(sitrep.EINVALID, "--circle: want LAT,LON,RADIUS_M in degrees and metres, got %q", v)
	if len(parts) != 3 {
		return sitrep.Shape{}, bad
	}
	var n [3]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return sitrep.Shape{}, bad
		}
		n[i] = f
	}
	return sitrep.Shape{Kind: sitrep.ShapeCircle, Center: sitrep.LatLon{Lat: n[0], Lon: n[1]}, RadiusM: n[2]}, nil
}

func parsePoints(flag, v string) ([]sitrep.LatLon, error) {
	var out []sitrep.LatLon
	for i, p := range strings.Split(v, ",") {
		f := strings.Fields(p)
		if len(f) != 2 {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: point %d is %q, want \"LAT LON\" (points separated by commas)", flag, i+1, strings.TrimSpace(p))
		}
		lat, err1 := strconv.ParseFloat(f[0], 64)
		lon, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: point %d is %q, want two numbers \"LAT LON\"", flag, i+1, strings.TrimSpace(p))
		}
		out = append(out, sitrep.LatLon{Lat: lat, Lon: lon})
	}
	return out, nil
}

func parseSiteParams(ps []string) (map[string]float64, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	out := make(map[string]float64, len(ps))
	for _, p := range ps {
		name, val, ok := strings.Cut(p, "=")
		f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if !ok || err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "--param: want name=number, got %q", p)
		}
		out[strings.TrimSpace(name)] = f
	}
	return out, nil
}

func newSitesImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FILE.geojson",
		Short: "Store the sites of a GeoJSON FeatureCollection",
		Long: `Read a GeoJSON FeatureCollection of sites (see docs/sites.md for the
properties), store every valid feature and report every bad one with its
index, ID and field. The command fails when any feature was bad, after
storing the good ones.`,
		Example: "  sitrep sites import my-sites.geojson",
		Args:    cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		good, readErr := sites.ReadGeoJSON(f)
		var bad sites.FeatureErrors
		if readErr != nil && !errors.As(readErr, &bad) {
			return fmt.Errorf("%s: %w", args[0], readErr)
		}
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		for _, site := range good {
			if err := s.PutSite(ctx, site); err != nil {
				return fmt.Errorf("%s: storing %s: %w", args[0], site.ID, err)
			}
		}
		w := cmd.ErrOrStderr()
		for _, e := range bad {
			fmt.Fprintf(w, "%s: %s\n", args[0], e.Error())
		}
		fmt.Fprintf(w, "%s: stored %d sites, rejected %d features\n", args[0], len(good), len(bad))
		if len(bad) > 0 {
			return sitrep.Errorf(sitrep.EINVALID, "%s: %d of %d features rejected", args[0], len(bad), len(bad)+len(good))
		}
		return nil
	}
	return cmd
}

func newSitesExportCmd() *cobra.Command {
	var storedOnly bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the effective sites as a GeoJSON FeatureCollection to stdout",
		Example: `  sitrep sites export --kind strait > straits.geojson
  sitrep sites export --stored > my-sites.geojson`,
		Args: cobra.NoArgs,
	}
	dataDir := dataDirFlag(cmd)
	filter := sitesFilter(cmd)
	cmd.Flags().BoolVar(&storedOnly, "stored", false, "only the stored sites, not the catalogue")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		f, err := filter()
		if err != nil {
			return err
		}
		list, mine, err := effectiveSites(cmd, dataDir(), f)
		if err != nil {
			return err
		}
		if storedOnly {
			kept := list[:0]
			for _, s := range list {
				if mine[s.ID] {
					kept = append(kept, s)
				}
			}
			list = kept
		}
		return sites.WriteGeoJSON(cmd.OutOrStdout(), list)
	}
	return cmd
}

func newSitesDeleteCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a stored site (a catalogue site with its ID comes back)",
		Args:  cobra.ExactArgs(1),
	}
	dataDir := dataDirFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ctx, s, err := openStore(cmd, dataDir())
		if err != nil {
			return err
		}
		defer s.Close()
		if err := s.DeleteSite(ctx, args[0]); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "deleted stored site %s\n", args[0])
		return nil
	}
	return cmd
}
