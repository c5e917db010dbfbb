package main

import (
	"fmt"

	"github.com/sitrep-osint/sitrep"
	"github.com/sitrep-osint/sitrep/geo"
)

// gate is a hand-drawn passage: a straight gate line from A to B across
// the narrowest part (both ends slightly inland so that no channel is
// missed) and a band of WidthKm centred on it, which a vessel passing
// through at normal AIS reporting rates has fixes inside.
type gate struct {
	ID, Name string
	Kind     sitrep.SiteKind
	Aliases  []string
	A, B     sitrep.LatLon
	From, To string // what lies at A and at B, for the direction note
	WidthKm  float64
	Where    string // what the gate crosses
}

// gateSource is the Source of every gate: no dataset gives gates.
const gateSource = "hand-drawn from nautical-chart and atlas geography of the passage (coordinates rounded to 0.01°); approximate"

// gates are the passages that matter for naval logistics. The Natural
// Earth marine polygons (shared/data) cover some of them but are tens to
// hundreds of kilometres long and lack Hormuz, Kerch, the Great Belt and
// Suez, so every one is a hand-drawn band across the narrows instead.
var gates = []gate{
	{ID: "strait-gibraltar", Name: "Strait of Gibraltar", Kind: sitrep.SiteStrait, Aliases: []string{"Gibraltar Strait", "Estrecho de Gibraltar"},
		A: ll(36.06, -5.60), B: ll(35.84, -5.60), From: "Spain (Tarifa)", To: "Morocco", WidthKm: 10, Where: "the narrows between Tarifa and Punta Cires"},
	{ID: "strait-bosporus", Name: "Bosporus", Kind: sitrep.SiteStrait, Aliases: []string{"Bosphorus", "Istanbul Strait", "Istanbul Bogazi"},
		A: ll(41.087, 29.045), B: ll(41.081, 29.075), From: "Europe (Rumelihisari)", To: "Asia (Anadoluhisari)", WidthKm: 3, Where: "the narrows at Rumelihisari"},
	{ID: "strait-dardanelles", Name: "Dardanelles", Kind: sitrep.SiteStrait, Aliases: []string{"Canakkale Bogazi", "Hellespont"},
		A: ll(40.165, 26.36), B: ll(40.135, 26.43), From: "Europe (Kilitbahir)", To: "Asia (Canakkale)", WidthKm: 4, Where: "the narrows between Kilitbahir and Canakkale"},
	{ID: "strait-kerch", Name: "Kerch Strait", Kind: sitrep.SiteStrait, Aliases: []string{"Kerchenskiy Proliv", "Kerch"},
		A: ll(45.30, 36.45), B: ll(45.30, 36.75), From: "Crimea (Kerch)", To: "Taman peninsula", WidthKm: 6, Where: "the strait along 45.3°N, near the Crimean bridge"},
	{ID: "strait-oresund", Name: "Øresund", Kind: sitrep.SiteStrait, Aliases: []string{"Oresund", "The Sound", "Öresund"},
		A: ll(56.035, 12.58), B: ll(56.045, 12.72), From: "Denmark (Helsingør)", To: "Sweden (Helsingborg)", WidthKm: 5, Where: "the narrows between Helsingør and Helsingborg"},
	{ID: "strait-great-belt", Name: "Great Belt", Kind: sitrep.SiteStrait, Aliases: []string{"Storebaelt", "Storebælt"},
		A: ll(55.32, 10.85), B: ll(55.34, 11.13), From: "Funen (Knudshoved)", To: "Zealand (Halsskov)", WidthKm: 6, Where: "the Great Belt bridge line via Sprogø"},
	{ID: "strait-dover", Name: "Strait of Dover", Kind: sitrep.SiteStrait, Aliases: []string{"Dover Strait", "Pas de Calais"},
		A: ll(51.13, 1.30), B: ll(50.86, 1.60), From: "England (Dover)", To: "France (Cap Gris-Nez)", WidthKm: 10, Where: "the narrows between Dover and Cap Gris-Nez"},
	{ID: "canal-suez", Name: "Suez Canal", Kind: sitrep.SiteCanal, Aliases: []string{"Suez"},
		A: ll(30.80, 32.25), B: ll(30.80, 32.40), From: "the west bank", To: "Sinai (east)", WidthKm: 6, Where: "both channels of the canal at 30.8°N (El Ballah), between Port Said and Ismailia"},
	{ID: "strait-bab-el-mandeb", Name: "Bab el-Mandeb", Kind: sitrep.SiteStrait, Aliases: []string{"Bab-el-Mandeb", "Bab al-Mandab", "Mandeb Strait"},
		A: ll(12.47, 43.28), B: ll(12.68, 43.50), From: "Africa (Ras Siyyan, Djibouti)", To: "Yemen (Ras Menheli)", WidthKm: 10, Where: "the strait across Perim island"},
	{ID: "strait-hormuz", Name: "Strait of Hormuz", Kind: sitrep.SiteStrait, Aliases: []string{"Hormuz", "Ormuz"},
		A: ll(26.30, 56.45), B: ll(27.00, 56.40), From: "Oman (Musandam)", To: "Iran (Larak)", WidthKm: 15, Where: "the narrows from Musandam to the Iranian coast past Larak"},
	{ID: "strait-malacca", Name: "Strait of Malacca", Kind: sitrep.SiteStrait, Aliases: []string{"Malacca Strait", "Selat Melaka"},
		A: ll(2.55, 101.85), B: ll(1.95, 101.45), From: "Malaysia (Port Dickson)", To: "Sumatra (Rupat)", WidthKm: 15, Where: "the southern narrows between Port Dickson and Rupat"},
	{ID: "strait-sicily", Name: "Strait of Sicily", Kind: sitrep.SiteStrait, Aliases: []string{"Sicily Channel", "Strait of Tunis", "Canale di Sicilia"},
		A: ll(37.05, 11.00), B: ll(37.60, 12.70), From: "Tunisia (Cap Bon)", To: "Sicily (Capo Granitola)", WidthKm: 20, Where: "the channel from Cap Bon to Capo Granitola"},
	{ID: "strait-fehmarn-belt", Name: "Fehmarn Belt", Kind: sitrep.SiteStrait, Aliases: []string{"Fehmarnbelt", "Femern Baelt", "Femer Bælt"},
		A: ll(54.48, 11.20), B: ll(54.67, 11.37), From: "Germany (Puttgarden)", To: "Denmark (Rødby)", WidthKm: 6, Where: "the belt between Puttgarden and Rødby"},
}

func ll(lat, lon float64) sitrep.LatLon { return sitrep.LatLon{Lat: lat, Lon: lon} }

// sites returns the band polygon and the gate line of g.
func (g gate) sites() []sitrep.Site {
	a, b := geo.Point{Lat: g.A.Lat, Lon: g.A.Lon}, geo.Point{Lat: g.B.Lat, Lon: g.B.Lon}
	half := g.WidthKm * 500
	brg := geo.Bearing(a, b)
	corner := func(p geo.Point, side float64) sitrep.LatLon {
		q := geo.Destination(p, brg+side, half)
		return sitrep.LatLon{Lat: round5(q.Lat), Lon: round5(q.Lon)}
	}
	band := sitrep.Site{
		ID: g.ID, Name: g.Name, Kind: g.Kind, Aliases: g.Aliases,
		Shape: sitrep.Shape{Kind: sitrep.ShapePolygon, Rings: [][]sitrep.LatLon{{
			corner(a, -90), corner(b, -90), corner(b, 90), corner(a, 90)}}},
		Source: gateSource, Approximate: true,
		Notes: fmt.Sprintf("Band %g km wide across %s, centred on the gate line %s-gate. Vessels passing through have fixes inside it.",
			g.WidthKm, g.Where, g.ID),
	}
	line := sitrep.Site{
		ID: g.ID + "-gate", Name: g.Name + " (gate)", Kind: g.Kind,
		Shape:  sitrep.Shape{Kind: sitrep.ShapeLine, Line: []sitrep.LatLon{g.A, g.B}},
		Source: gateSource, Approximate: true,
		Notes: fmt.Sprintf("Gate line across %s, drawn from %s to %s: a vessel crossing it from left to right (seen facing from %s towards %s) is geo.LeftToRight. It lies inside the band %s.",
			g.Where, g.From, g.To, g.From, g.To, g.ID),
	}
	return []sitrep.Site{band, line}
}

// wpiCircle is where a story site takes its centre from a WPI row.
const wpiCircle = "circle of %g km around the NGA World Port Index (Pub 150) position of %s (WPI %d); approximate"

// story are the sites of the Tartus withdrawal (shared/story/tartus-2025.md).
// The ports also exist as WPI sites (wpi-<number>); these carry the
// story's names, aliases and kinds.
var story = []sitrep.Site{
	{ID: "tartus-naval-base", Name: "Tartus naval base", Kind: sitrep.SiteNavalBase, Country: "SY",
		Aliases:     []string{"Tartous naval base", "Russian naval facility in Tartus", "PMTO Tartus", "Tartus Material-Technical Support Point"},
		Shape:       circle(34.9145, 35.8720, 800),
		Source:      "circle of 800 m around the public coordinates of the Russian naval facility in Tartus (Wikipedia, 34°54′52″N 35°52′19″E), recalled by the author and not checked against imagery; approximate",
		Approximate: true,
		Notes:       "Russian Navy logistics point (Material-Technical Support Point) inside Tartus port; 49-year lease of 2017 reported cancelled in January 2025. Overlaps tartus-port and wpi-45003."},
	{ID: "tartus-port", Name: "Tartus port", Kind: sitrep.SitePort, Country: "SY", LOCODE: "SYTTS",
		Aliases:     []string{"Tartous", "Tartus", "Tartous port"},
		Shape:       circle(34.9, 35.86667, 2500),
		Source:      fmt.Sprintf(wpiCircle, 2.5, "Tartus", 45003),
		Approximate: true,
		Notes:       "Same port as wpi-45003 (3 km circle); contains tartus-naval-base."},
	{ID: "tartus-checkpoint", Name: "Tartus checkpoint", Kind: sitrep.SiteCheckpoint, Country: "SY",
		Aliases:     []string{"Tartous checkpoint"},
		Shape:       circle(34.935, 35.895, 3000),
		Source:      "hand-drawn placeholder: a 3 km circle on the northern road approach to Tartus port; the checkpoint's location was not published (TRT, 10 Feb 2025: \"a checkpoint in Tartus\"); approximate",
		Approximate: true,
		Notes:       "Where the convoy from Khmeimim was reportedly held for about eight hours on 10 Feb 2025 before turning back. Location unknown: replace with a better-sourced shape when one exists."},
	{ID: "khmeimim-air-base", Name: "Khmeimim air base", Kind: sitrep.SiteAirBase, Country: "SY",
		Aliases:     []string{"Hmeimim", "Hmeymim", "Khmeimim", "Humaymim"},
		Shape:       circle(35.4011, 35.9486, 3000),
		Source:      "circle of 3 km around the public coordinates of Khmeimim air base (Wikipedia, 35°24′04″N 35°56′55″E), recalled by the author and not checked against imagery; approximate",
		Approximate: true,
		Notes:       "Russian air base near Jableh, Latakia province; shares its runway with Bassel Al-Assad International Airport. Start and end of the 10 Feb 2025 convoy's route."},
	{ID: "latakia-port", Name: "Latakia port", Kind: sitrep.SitePort, Country: "SY", LOCODE: "SYLTK",
		Aliases:     []string{"Al Ladhiqiyah", "Lattakia", "Latakia", "SYALD"},
		Shape:       circle(35.53333, 35.76667, 3000),
		Source:      fmt.Sprintf(wpiCircle, 3.0, "Al Ladhiqiyah", 45010),
		Approximate: true,
		Notes:       "Same port as wpi-45010, whose WPI LOCODE is SYALD; UN/LOCODE also lists SYLTK (Latakia) at the same coordinates."},
	{ID: "baltiysk-naval-base", Name: "Baltiysk naval base", Kind: sitrep.SiteNavalBase, Country: "RU", LOCODE: "RUBLT",
		Aliases:     []string{"Baltiisk", "Baltiysk", "Pillau"},
		Shape:       circle(54.63333, 19.9, 3000),
		Source:      fmt.Sprintf(wpiCircle, 3.0, "Baltiysk", 28680),
		Approximate: true,
		Notes:       "Main base of the Russian Baltic Fleet, at the mouth of the Kaliningrad lagoon; declared destination of SPARTA (Jan 2025). Same place as wpi-28680."},
	{ID: "kaliningrad-port", Name: "Kaliningrad port", Kind: sitrep.SitePort, Country: "RU", LOCODE: "RUKGD",
		Aliases:     []string{"Kaliningrad", "Konigsberg", "Königsberg"},
		Shape:       circle(54.7, 20.48333, 5000),
		Source:      fmt.Sprintf(wpiCircle, 5.0, "Kaliningrad", 28690),
		Approximate: true,
		Notes:       "Declared destination of SPARTA II (Feb 2025). Same place as wpi-28690."},
	{ID: "st-petersburg-port", Name: "St Petersburg port", Kind: sitrep.SitePort, Country: "RU", LOCODE: "RULED",
		Aliases:     []string{"Sankt-Peterburg", "Saint Petersburg", "St Petersburg", "Leningrad"},
		Shape:       circle(59.93333, 30.3, 10000),
		Source:      fmt.Sprintf(wpiCircle, 10.0, "Sankt-Peterburg", 28370),
		Approximate: true,
		Notes:       "Declared destination of SPARTA (Feb 2025). The WPI position is in the city centre; 10 km reaches the Big Port terminals to the south-west. Same place as wpi-28370."},
	{ID: "novorossiysk-port", Name: "Novorossiysk port", Kind: sitrep.SitePort, Country: "RU", LOCODE: "RUNVS",
		Aliases:     []string{"Novorossiisk", "Novorossiysk"},
		Shape:       circle(44.71667, 37.78333, 5000),
		Source:      fmt.Sprintf(wpiCircle, 5.0, "Novorossiysk", 44200),
		Approximate: true,
		Notes:       "Commercial port and, since 2022, a main base of the Russian Black Sea Fleet. Same place as wpi-44200."},
	{ID: "sevastopol-naval-base", Name: "Sevastopol naval base", Kind: sitrep.SiteNavalBase, Country: "UA", LOCODE: "UASVP",
		Aliases:     []string{"Sevastopol", "Sebastopol", "Syevastopol"},
		Shape:       circle(44.61667, 33.53333, 6000),
		Source:      fmt.Sprintf(wpiCircle, 6.0, "Sevastopol", 43760),
		Approximate: true,
		Notes:       "Headquarters of the Russian Black Sea Fleet in Crimea, occupied by Russia since 2014 (country given as Ukraine, as the WPI and UN/LOCODE do). Same place as wpi-43760."},
}

func circle(lat, lon, r float64) sitrep.Shape {
	return sitrep.Shape{Kind: sitrep.ShapeCircle, Center: ll(lat, lon), RadiusM: r}
}

// curated returns the gate and story sites.
func curated() ([]sitrep.Site, error) {
	var out []sitrep.Site
	for _, g := range gates {
		out = append(out, g.sites()...)
	}
	out = append(out, story...)
	for _, s := range out {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		if !s.Approximate {
			return nil, fmt.Errorf("curated site %s is not marked approximate", s.ID)
		}
	}
	return out, nil
}
