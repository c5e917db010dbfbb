package reports

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sitrep-osint/sitrep"
)

// Action says what Load did with an item.
type Action string

// Load actions.
const (
	Created   Action = "created"
	Updated   Action = "updated"   // a report got a new version, or a source or entity was replaced
	Unchanged Action = "unchanged" // the stored report already says exactly this
)

// Outcome is what Load did with one item of a file.
type Outcome struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Kind    string `json:"kind"` // "source", "entity" or "report"
	ID      string `json:"id"`
	Action  Action `json:"action"`
	Version int    `json:"version,omitempty"` // a report's stored version
}

// Load stores the items of parsed files: every file's sources first, then
// entities, then reports, so that a report may name a source defined in
// another file. A report that is not stored yet is created. A stored
// report that the file repeats exactly is left unchanged. A stored report
// that the file changes is edited only when the file names the version it
// edits (base_version): otherwise, or when base_version is not the latest,
// the report is refused with code ECONFLICT, so that loading never
// silently overwrites another edit. A refused item does not stop the
// others.
//
// Errors: one *FileError for each refused item, naming its file and line;
// it wraps the store's error, so sitrep.ErrorCode gives the code
// (ECONFLICT, ENOTFOUND for an unknown source, EINVALID, EINTERNAL).
func Load(ctx context.Context, st sitrep.ReportStore, files []*File, ch sitrep.Change) ([]Outcome, []error) {
	var outs []Outcome
	var errs []error
	fail := func(f *File, line int, path string, err error) {
		errs = append(errs, &loadError{FileError{File: f.Name, Line: line, Path: path, Msg: sitrep.ErrorMessage(err)}, err})
	}
	for _, f := range files {
		for _, it := range f.Sources {
			c := it.Change
			if c == (sitrep.Change{}) {
				c = ch
			}
			action := Created
			if old, err := st.Source(ctx, it.Source.ID); err == nil {
				action = Updated
				if old == it.Source {
					outs = append(outs, Outcome{File: f.Name, Line: it.Line, Kind: "source", ID: it.Source.ID, Action: Unchanged})
					continue
				}
			}
			if err := st.PutSource(ctx, it.Source, c); err != nil {
				fail(f, it.Line, it.Path, err)
				continue
			}
			outs = append(outs, Outcome{File: f.Name, Line: it.Line, Kind: "source", ID: it.Source.ID, Action: action})
		}
	}
	for _, f := range files {
		for _, it := range f.Entities {
			action := Created
			if old, err := st.Entity(ctx, it.Entity.ID); err == nil {
				action = Updated
				if old == it.Entity {
					action = Unchanged
				}
			}
			if action != Unchanged {
				if err := st.PutEntity(ctx, it.Entity); err != nil {
					fail(f, it.Line, it.Path, err)
					continue
				}
			}
			outs = append(outs, Outcome{File: f.Name, Line: it.Line, Kind: "entity", ID: it.Entity.ID, Action: action})
		}
	}
	for _, f := range files {
		for _, it := range f.Reports {
			out, err := loadReport(ctx, st, it, ch)
			if err != nil {
				fail(f, it.Line, it.Path, err)
				continue
			}
			out.File, out.Line = f.Name, it.Line
			outs = append(outs, out)
		}
	}
	return outs, errs
}

// loadReport creates, edits or leaves one report.
func loadReport(ctx context.Context, st sitrep.ReportStore, it ReportItem, ch sitrep.Change) (Outcome, error) {
	out := Outcome{Kind: "report", ID: it.Report.ID}
	c := it.Change
	if c == (sitrep.Change{}) {
		c = ch
	}
	old, err := st.Report(ctx, it.Report.ID)
	switch {
	case sitrep.ErrorCode(err) == sitrep.ENOTFOUND && it.BaseVersion == 0:
		r, err := st.CreateReport(ctx, it.Report, c)
		out.Action, out.Version = Created, r.Version
		return out, err
	case sitrep.ErrorCode(err) == sitrep.ENOTFOUND:
		return out, sitrep.Errorf(sitrep.ENOTFOUND, "report %s: base_version %d, but there is no such report (leave base_version out to create it)", it.Report.ID, it.BaseVersion)
	case err != nil:
		return out, err
	}
	if same, err := sameContent(old, it.Report); err != nil {
		return out, err
	} else if same {
		out.Action, out.Version = Unchanged, old.Version
		return out, nil
	}
	if it.BaseVersion == 0 {
		return out, sitrep.Errorf(sitrep.ECONFLICT, "report %s already exists at version %d and this file differs from it; to edit it, set base_version: %d", it.Report.ID, old.Version, old.Version)
	}
	r := it.Report
	r.Version = it.BaseVersion
	r, err = st.UpdateReport(ctx, r, c)
	out.Action, out.Version = Updated, r.Version
	return out, err
}

// sameContent reports whether a and b say the same thing, ignoring the
// version and edit fields.
func sameContent(a, b sitrep.Report) (bool, error) {
	for _, r := range []*sitrep.Report{&a, &b} {
		r.Version, r.Edited, r.Change = 0, sitrep.Report{}.Edited, sitrep.Change{}
	}
	ja, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	jb, err := json.Marshal(b)
	return string(ja) == string(jb), err
}

// loadError is a FileError that keeps the store's error, so that
// sitrep.ErrorCode sees its code.
type loadError struct {
	FileError
	err error
}

func (e *loadError) Error() string { return e.FileError.Error() }
func (e *loadError) Unwrap() error { return e.err }

// String describes an outcome for people: "convoy.yaml:12: report
// trt-convoy-turned-back created (version 1)".
func (o Outcome) String() string {
	s := fmt.Sprintf("%s:%d: %s %s %s", o.File, o.Line, o.Kind, o.ID, o.Action)
	if o.Version > 0 {
		s += fmt.Sprintf(" (version %d)", o.Version)
	}
	return s
}
