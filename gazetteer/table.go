package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep-osint/sitrep/gazetteer/internal/norm"
)

// ErrTable is wrapped by every error New returns for a malformed table.
var ErrTable = errors.New("gazetteer: malformed table")

// New reads a port table and indexes it. The input is the format of the
// embedded ports.tsv.gz, gzip-compressed or not (detected from the gzip
// magic number): UTF-8 lines of tab-separated fields, '#' lines ignored,
//
//	P <LOCODE or empty> <name> <alternates, ';'-separated> <ISO2> <lat> <lon> <wpi|unlocode|both> <L|M|S|V or empty>
//	C <country alias in canonical form> <ISO2[,ISO2...]>
//
// It returns an error wrapping ErrTable, with the line number, for a line of
// another kind, a wrong field count, a bad LOCODE, coordinate or size, an
// empty name, or a LOCODE given twice; and any read or gzip error as is.
func New(r io.Reader) (*Gazetteer, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	g := &Gazetteer{
		byCode:    make(map[string]int32, 1<<15),
		byName:    make(map[string][]nameRef, 1<<16),
		byCompact: make(map[string][]nameRef, 1<<14),
		countries: make(map[string][]string),
	}
	sc := bufio.NewScanner(br)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		f := strings.Split(text, "\t")
		var err error
		switch f[0] {
		case "P":
			err = g.addPort(f[1:])
		case "C":
			err = g.addCountry(f[1:])
		default:
			err = fmt.Errorf("record kind %q", f[0])
		}
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrTable, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	g.index()
	return g, nil
}

func (g *Gazetteer) addPort(f []string) error {
	if len(f) != 8 {
		return fmt.Errorf("port with %d fields, want 8", len(f))
	}
	p := Port{LOCODE: f[0], Name: f[1], Country: f[3], Source: f[6]}
	if p.LOCODE != "" && !isLOCODE(p.LOCODE) {
		return fmt.Errorf("bad LOCODE %q", p.LOCODE)
	}
	if norm.Key(p.Name) == "" {
		return fmt.Errorf("empty name")
	}
	if f[2] != "" {
		p.Alternates = strings.Split(f[2], ";")
	}
	var err error
	if p.Lat, p.Lon, err = latLon(f[4], f[5]); err != nil {
		return err
	}
	var ok bool
	if p.Size, ok = sizeName(f[7]); !ok {
		return fmt.Errorf("bad size %q", f[7])
	}
	switch p.Source {
	case "wpi", "unlocode", "both":
	default:
		return fmt.Errorf("bad source %q", p.Source)
	}
	i := int32(len(g.ports))
	if p.LOCODE != "" {
		if _, dup := g.byCode[p.LOCODE]; dup {
			return fmt.Errorf("LOCODE %s given twice", p.LOCODE)
		}
		g.byCode[p.LOCODE] = i
	}
	g.ports = append(g.ports, p)
	g.addName(p.Name, i, true)
	for _, a := range p.Alternates {
		g.addName(a, i, false)
	}
	return nil
}

func latLon(lat, lon string) (float64, float64, error) {
	if lat == "" && lon == "" {
		return math.NaN(), math.NaN(), nil
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || math.Abs(la) > 90 || math.Abs(lo) > 180 {
		return 0, 0, fmt.Errorf("bad position %q %q", lat, lon)
	}
	return la, lo, nil
}

func (g *Gazetteer) addName(name string, i int32, primary bool) {
	toks := norm.Tokens(name)
	if len(toks) == 0 {
		return
	}
	k := strings.Join(toks, " ")
	g.addKey(k, strings.Join(toks, ""), nameRef{port: i, primary: primary})
	g.keys = append(g.keys, searchKey{key: k, port: i})
	// "Balongan Terminal" is also "BALONGAN", as an alternate name.
	if s := stripQualifiers(toks); len(s) < len(toks) {
		g.addKey(strings.Join(s, " "), strings.Join(s, ""), nameRef{port: i})
	}
}

func (g *Gazetteer) addKey(key, compact string, ref nameRef) {
	g.byName[key] = addRef(g.byName[key], ref)
	if compact != key {
		g.byCompact[compact] = addRef(g.byCompact[compact], ref)
	}
}

// addRef adds ref unless its port is there; a primary reference replaces an
// alternate one.
func addRef(refs []nameRef, ref nameRef) []nameRef {
	for j, r := range refs {
		if r.port == ref.port {
			refs[j].primary = r.primary || ref.primary
			return refs
		}
	}
	return append(refs, ref)
}

func (g *Gazetteer) addCountry(f []string) error {
	if len(f) != 2 || f[0] == "" || norm.Key(f[0]) != f[0] {
		return fmt.Errorf("bad country alias %q", f)
	}
	ccs := strings.Split(f[1], ",")
	for _, cc := range ccs {
		if len(cc) != 2 {
			return fmt.Errorf("bad country code %q", cc)
		}
	}
	g.countries[f[0]] = ccs
	g.countryKeys = append(g.countryKeys, f[0])
	if n := strings.Count(f[0], " ") + 1; n > g.maxCountryWords {
		g.maxCountryWords = n
	}
	return nil
}

// index finishes the search indexes once all ports are read.
func (g *Gazetteer) index() {
	slices.Sort(g.countryKeys)
	for i, p := range g.ports {
		if p.LOCODE != "" {
			g.keys = append(g.keys, searchKey{key: p.LOCODE, port: int32(i)})
		}
	}
	slices.SortFunc(g.keys, func(a, b searchKey) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return int(a.port - b.port)
	})
}
