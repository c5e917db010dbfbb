package reports

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/sitrep-osint/sitrep"
)

// MaxFileSize is the largest report file Parse accepts, in bytes.
const MaxFileSize = 4 << 20

// File is what Parse read from one report file: the items that passed
// validation, each with the line it starts on.
type File struct {
	Name     string
	Sources  []SourceItem
	Entities []EntityItem
	Reports  []ReportItem
}

// SourceItem is a source read from a file.
type SourceItem struct {
	Source sitrep.Source
	// Change says who graded it and why ("by"/"why" in the file).
	Change sitrep.Change
	Line   int
	// Path is the item's place in the file ("sources[2]").
	Path string
}

// EntityItem is an entity read from a file.
type EntityItem struct {
	Entity sitrep.Entity
	Line   int
	// Path is the item's place in the file ("sources[2]").
	Path string
}

// ReportItem is a report read from a file.
type ReportItem struct {
	Report sitrep.Report
	// BaseVersion is the file's base_version: the stored version this
	// file's text edits (0: the report is new).
	BaseVersion int
	Change      sitrep.Change
	Line        int
	// Path is the item's place in the file ("reports[2]").
	Path string
}

// FileError is a problem at a place in a file. Error formats it as
// "name:line: path: message".
type FileError struct {
	File string
	Line int
	// Path is the field path within the file ("reports[2].claims[0].when"),
	// empty for a problem with the file as a whole.
	Path string
	Msg  string
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Parse reads a report file. name is used in errors only. It returns the
// items that are valid and one *FileError for each problem; an item with a
// problem is left out, the others are kept. When the file as a whole cannot
// be read (too large, not YAML, aliases, unknown top-level keys) the File
// is empty and the errors say why. Parse does not check references between
// items or to stored things (sources of reports, sites): Load does.
func Parse(name string, data []byte) (*File, []error) {
	f := &File{Name: name}
	fail := func(line int, path, format string, args ...any) []error {
		return []error{&FileError{File: name, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}}
	}
	if len(data) > MaxFileSize {
		return f, fail(0, "", "file is %d bytes, larger than the limit of %d", len(data), MaxFileSize)
	}
	af, err := parser.ParseBytes(data, 0)
	if err != nil {
		return f, []error{yamlError(name, err)}
	}
	if len(af.Docs) != 1 || af.Docs[0].Body == nil {
		return f, fail(0, "", "want exactly one YAML document, have %d", len(af.Docs))
	}
	if n := findAlias(af.Docs[0].Body); n != nil {
		return f, fail(line(n), "", "anchors, aliases and tags are not allowed in report files")
	}
	root, ok := af.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return f, fail(line(af.Docs[0].Body), "", "want a mapping with sources, entities and reports")
	}
	var errs []error
	for _, mv := range root.Values {
		key := keyName(mv.Key)
		seq, ok := mv.Value.(*ast.SequenceNode)
		if !ok && key != "sources" && key != "entities" && key != "reports" {
			errs = append(errs, fail(line(mv.Key), key, "unknown key (want sources, entities or reports)")...)
			continue
		}
		if !ok {
			if _, null := mv.Value.(*ast.NullNode); !null {
				errs = append(errs, fail(line(mv.Value), key, "want a list")...)
			}
			continue
		}
		for i, n := range seq.Values {
			p := fmt.Sprintf("%s[%d]", key, i)
			switch key {
			case "sources":
				errs = append(errs, f.source(p, n)...)
			case "entities":
				errs = append(errs, f.entity(p, n)...)
			case "reports":
				errs = append(errs, f.report(p, n)...)
			default:
				errs = append(errs, fail(line(mv.Key), key, "unknown key (want sources, entities or reports)")...)
			}
		}
	}
	errs = append(errs, f.duplicates()...)
	return f, errs
}

// decode decodes node n (at path p) into v, rejecting unknown fields.
func (f *File) decode(p string, n ast.Node, v any) (err error) {
	defer func() {
		// go-yaml v1.19.2 can panic on malformed nodes (found by
		// FuzzParse); the item is then reported, not the process ended.
		if r := recover(); r != nil {
			err = &FileError{File: f.Name, Line: line(n), Path: p, Msg: fmt.Sprintf("cannot decode: %v", r)}
		}
	}()
	if err := yaml.NodeToValue(n, v, yaml.DisallowUnknownField()); err != nil {
		fe := yamlError(f.Name, err).(*FileError)
		if fe.Path == "" {
			fe.Path = p
		}
		return fe
	}
	return nil
}

// problems turns field errors relative to the item at path p into
// FileErrors with the lines of the fields.
func (f *File) problems(p string, n ast.Node, fes []sitrep.FieldError) []error {
	fileErrs := make([]*FileError, len(fes))
	for i, fe := range fes {
		fileErrs[i] = &FileError{File: f.Name, Line: lineOf(n, fe.Path), Path: p + "." + fe.Path, Msg: fe.Msg}
	}
	sort.SliceStable(fileErrs, func(i, j int) bool { return fileErrs[i].Line < fileErrs[j].Line })
	errs := make([]error, len(fileErrs))
	for i, fe := range fileErrs {
		errs[i] = fe
	}
	return errs
}

func (f *File) source(p string, n ast.Node) []error {
	var r rawSource
	if err := f.decode(p, n, &r); err != nil {
		return []error{err}
	}
	s := sitrep.Source{ID: r.ID, Name: r.Name, Kind: sitrep.SourceKind(r.Kind), URL: r.URL,
		Reliability: sitrep.Reliability(strings.ToUpper(r.Reliability)), Origin: r.Origin, Notes: r.Notes}
	var fes []sitrep.FieldError
	if err := s.Validate(); err != nil {
		fes = append(fes, sitrep.FieldError{Path: sourceField(s), Msg: sitrep.ErrorMessage(err)})
	}
	if s.URL != "" && !validURL(s.URL) {
		fes = append(fes, sitrep.FieldError{Path: "url", Msg: fmt.Sprintf("%q is not an http(s) URL", s.URL)})
	}
	if len(fes) > 0 {
		return f.problems(p, n, fes)
	}
	f.Sources = append(f.Sources, SourceItem{Source: s, Change: sitrep.Change{By: r.By, Why: r.Why}, Line: line(n), Path: p})
	return nil
}

// sourceField names the field a failed Source.Validate is about.
func sourceField(s sitrep.Source) string {
	switch {
	case !sitrep.ValidSlug(s.ID):
		return "id"
	case strings.TrimSpace(s.Name) == "":
		return "name"
	case !s.Kind.Valid():
		return "kind"
	}
	return "reliability"
}

func (f *File) entity(p string, n ast.Node) []error {
	var e sitrep.Entity
	var r rawEntity
	if err := f.decode(p, n, &r); err != nil {
		return []error{err}
	}
	e = sitrep.Entity{ID: r.ID, Name: r.Name, Kind: sitrep.EntityKind(r.Kind), Affiliation: r.Affiliation, Notes: r.Notes}
	if err := e.Validate(); err != nil {
		field := "kind"
		if !sitrep.ValidSlug(e.ID) {
			field = "id"
		} else if strings.TrimSpace(e.Name) == "" {
			field = "name"
		}
		return f.problems(p, n, []sitrep.FieldError{{Path: field, Msg: sitrep.ErrorMessage(err)}})
	}
	f.Entities = append(f.Entities, EntityItem{Entity: e, Line: line(n), Path: p})
	return nil
}

func (f *File) report(p string, n ast.Node) []error {
	var r rawReport
	if err := f.decode(p, n, &r); err != nil {
		return []error{err}
	}
	rep, conv := r.toReport()
	fes := dedupe(conv, rep.Check())
	if r.BaseVersion < 0 {
		fes = append(fes, sitrep.FieldError{Path: "base_version", Msg: "negative"})
	}
	if len(fes) > 0 {
		return f.problems(p, n, fes)
	}
	f.Reports = append(f.Reports, ReportItem{Report: rep, BaseVersion: r.BaseVersion,
		Change: sitrep.Change{By: r.By, Why: r.Why}, Line: line(n), Path: p})
	return nil
}

// dedupe returns conv and those of check that are not about a when that
// conv already found unreadable (an unparsable time is also "a claim needs
// a time").
func dedupe(conv, check []sitrep.FieldError) []sitrep.FieldError {
	out := conv
	for _, fe := range check {
		dup := false
		if i := strings.Index(fe.Path, ".when"); i >= 0 {
			for _, c := range conv {
				if strings.HasPrefix(c.Path, fe.Path[:i+len(".when")]) {
					dup = true
					break
				}
			}
		}
		if !dup {
			out = append(out, fe)
		}
	}
	return out
}

// keyName returns a mapping key's text without quotes.
func keyName(k ast.MapKeyNode) string {
	if s, ok := k.(*ast.StringNode); ok {
		return s.Value
	}
	return k.String()
}

// duplicates reports IDs defined twice in the file, and drops the later
// definitions.
func (f *File) duplicates() []error {
	var errs []error
	dup := func(kind, id string, first, at int) {
		errs = append(errs, &FileError{File: f.Name, Line: at, Path: kind, Msg: fmt.Sprintf("%s %q is defined twice (first at line %d)", kind, id, first)})
	}
	seen := map[string]int{}
	srcs := f.Sources[:0]
	for _, s := range f.Sources {
		if l, ok := seen[s.Source.ID]; ok {
			dup("source", s.Source.ID, l, s.Line)
			continue
		}
		seen[s.Source.ID] = s.Line
		srcs = append(srcs, s)
	}
	f.Sources = srcs
	seen = map[string]int{}
	ents := f.Entities[:0]
	for _, e := range f.Entities {
		if l, ok := seen[e.Entity.ID]; ok {
			dup("entity", e.Entity.ID, l, e.Line)
			continue
		}
		seen[e.Entity.ID] = e.Line
		ents = append(ents, e)
	}
	f.Entities = ents
	seen = map[string]int{}
	reps := f.Reports[:0]
	for _, r := range f.Reports {
		if l, ok := seen[r.Report.ID]; ok {
			dup("report", r.Report.ID, l, r.Line)
			continue
		}
		seen[r.Report.ID] = r.Line
		reps = append(reps, r)
	}
	f.Reports = reps
	return errs
}

// yamlError turns a go-yaml error into a FileError with its line.
func yamlError(name string, err error) error {
	fe := &FileError{File: name, Msg: err.Error()}
	if ye, ok := err.(yaml.Error); ok {
		fe.Msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			fe.Line = tk.Position.Line
		}
	}
	fe.Msg = strings.TrimSpace(fe.Msg)
	return fe
}

// line returns the line a node starts on, 0 when unknown.
func line(n ast.Node) int {
	if n == nil {
		return 0
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		return line(mv.Key)
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 && !m.IsFlowStyle {
		return line(m.Values[0])
	}
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line
	}
	return 0
}

// lineOf returns the line of the field at path ("claims[0].when.from")
// below n, or of its deepest existing ancestor.
func lineOf(n ast.Node, path string) int {
	best := line(n)
	for _, seg := range strings.Split(path, ".") {
		key, idx := seg, -1
		if i := strings.IndexByte(seg, '['); i >= 0 && strings.HasSuffix(seg, "]") {
			key = seg[:i]
			if v, err := strconv.Atoi(seg[i+1 : len(seg)-1]); err == nil {
				idx = v
			}
		}
		m, ok := n.(*ast.MappingNode)
		if !ok {
			return best
		}
		var next ast.Node
		for _, mv := range m.Values {
			if keyName(mv.Key) == key {
				next = mv.Value
				best = line(mv.Key)
				break
			}
		}
		if next == nil {
			return best
		}
		n = next
		if idx >= 0 {
			s, ok := n.(*ast.SequenceNode)
			if !ok || idx >= len(s.Values) {
				return best
			}
			n = s.Values[idx]
			best = line(n)
		}
	}
	return best
}

// findAlias returns the first alias, anchor or tag node below n, or nil.
// Report files need none of them; refusing them bounds the work aliases
// can cause, and avoids decoder paths fuzzing found fragile.
func findAlias(n ast.Node) ast.Node {
	var found ast.Node
	ast.Walk(visitor(func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if t := n.Type(); t == ast.AliasType || t == ast.AnchorType || t == ast.TagType {
			found = n
			return false
		}
		return true
	}), n)
	return found
}

type visitor func(ast.Node) bool

func (v visitor) Visit(n ast.Node) ast.Visitor {
	if n == nil || !v(n) {
		return nil
	}
	return v
}
