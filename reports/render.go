package reports

import (
	htmltemplate "html/template"
	"io"
	"strings"
	"text/template"
)

// The brief is rendered by two templates over the same Brief: Markdown
// (text/template, with report text escaped for Markdown) and HTML
// (html/template, which escapes report text for its context). Report text
// comes from outside sources, so HTML is built by html/template rather than
// by converting the Markdown: no third-party renderer, no raw HTML passing
// through.

const markdownTemplate = `# {{md .Title}}

*Situation report, draft. Scope: {{md .Scope}}. Generated {{.Generated.Format "2006-01-02 15:04 UTC"}} by sitrep.*
{{if .Simulated}}
> **Contains SIMULATED material** (marked below): not for use as evidence.
{{end}}
Grades are Admiralty/NATO: source reliability A–F, information credibility 1–6 (e.g. B2 = usually reliable, probably true). AIS items are observations from transponder data, each with the detection rule that produced it. Times are UTC unless a local time is shown with its offset.
{{range .Notes}}
> {{md .}}
{{end}}
## What happened
{{range .Days}}
### {{.Date}}
{{range .Entries}}
- **{{md .When}}** — {{if .Item.Event}}{{if .Simulated}}SIMULATED {{end}}AIS: {{md .Text}}. Rule ` + "`{{.Rule}}`" + `.{{else}}{{md .Text}} — {{md .SourceName}} [{{.Grade}}][^{{.Cite}}]{{if .Judgement}}; *{{.Judgement}}*{{end}}{{if .Simulated}} **SIMULATED**{{end}}. {{md .Corroboration | cap}}.{{end}}
{{- end}}
{{else}}
Nothing recorded.
{{end}}
{{- if .Conflicts}}
## Conflicting accounts

Shown side by side, not reconciled.

| about | on | one account | another account |
| --- | --- | --- | --- |
{{range .Conflicts}}| {{cell .Subject}} | {{.Field}} | {{cell .A}} | {{cell .B}} |
{{end}}{{end}}
{{- if .Judgements}}
## Judgements

{{range .Judgements}}- {{md .Text}} — {{md .SourceName}} [{{.Grade}}][^{{.Cite}}]: **{{.Judgement}}** (ICD 203).
{{end}}{{end}}
## Sources
{{range .Sources}}
[^{{.N}}]: {{md .Source.Name}} ({{.Source.Kind}}{{if .Source.URL}}, {{.Source.URL}}{{end}}); default reliability {{.Source.Reliability}}. Reports: {{range $i, $r := .Reports}}{{if $i}}; {{end}}{{md $r.Title}} (` + "`{{$r.ID}}`" + ` v{{$r.Version}}, {{$r.Grade}}{{range $r.Evidence}}, {{.URL}}{{if .Archive}} [archived {{.Archive}}]{{end}}{{end}}){{end}}.
{{end}}`

const htmlTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.45; color: #222; }
.meta { color: #555; font-style: italic; }
.grade { font-family: monospace; font-weight: bold; }
.ais { color: #03508a; }
.sim { color: #b00; font-weight: bold; }
table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: 0.3em 0.6em; vertical-align: top; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="meta">Situation report, draft. Scope: {{.Scope}}. Generated {{.Generated.Format "2006-01-02 15:04 UTC"}} by sitrep.</p>
{{if .Simulated}}<p class="sim">Contains SIMULATED material (marked below): not for use as evidence.</p>{{end}}
<p>Grades are Admiralty/NATO: source reliability A–F, information credibility 1–6 (e.g. B2 = usually reliable, probably true). AIS items are observations from transponder data, each with the detection rule that produced it. Times are UTC unless a local time is shown with its offset.</p>
{{range .Notes}}<p class="meta">{{.}}</p>{{end}}
<h2>What happened</h2>
{{range .Days}}<h3>{{.Date}}</h3>
<ul>
{{range .Entries}}<li><strong>{{.When}}</strong> — {{if .Item.Event}}<span class="ais">{{if .Simulated}}<span class="sim">SIMULATED</span> {{end}}AIS: {{.Text}}.</span> Rule <code>{{.Rule}}</code>.{{else}}{{.Text}} — {{.SourceName}} <span class="grade">{{.Grade}}</span> <a href="#src-{{.Cite}}">[{{.Cite}}]</a>{{if .Judgement}}; <em>{{.Judgement}}</em>{{end}}{{if .Simulated}} <span class="sim">SIMULATED</span>{{end}}. {{cap .Corroboration}}.{{end}}</li>
{{end}}</ul>
{{else}}<p>Nothing recorded.</p>
{{end}}
{{if .Conflicts}}<h2>Conflicting accounts</h2>
<p>Shown side by side, not reconciled.</p>
<table><tr><th>about</th><th>on</th><th>one account</th><th>another account</th></tr>
{{range .Conflicts}}<tr><td>{{.Subject}}</td><td>{{.Field}}</td><td>{{.A}}</td><td>{{.B}}</td></tr>
{{end}}</table>
{{end}}
{{if .Judgements}}<h2>Judgements</h2>
<ul>{{range .Judgements}}<li>{{.Text}} — {{.SourceName}} <span class="grade">{{.Grade}}</span> <a href="#src-{{.Cite}}">[{{.Cite}}]</a>: <strong>{{.Judgement}}</strong> (ICD 203).</li>
{{end}}</ul>
{{end}}
<h2>Sources</h2>
<ol>
{{range .Sources}}<li id="src-{{.N}}">{{.Source.Name}} ({{.Source.Kind}}{{if .Source.URL}}, <a href="{{.Source.URL}}">{{.Source.URL}}</a>{{end}}); default reliability {{.Source.Reliability}}. Reports: {{range $i, $r := .Reports}}{{if $i}}; {{end}}{{$r.Title}} (<code>{{$r.ID}}</code> v{{$r.Version}}, {{$r.Grade}}{{range $r.Evidence}}, <a href="{{.URL}}">{{.URL}}</a>{{if .Archive}} [<a href="{{.Archive}}">archived</a>]{{end}}{{end}}){{end}}.</li>
{{end}}</ol>
</body>
</html>
`

var mdFuncs = template.FuncMap{"md": mdEscape, "cell": mdCell, "cap": capitalise}

// WriteMarkdown renders b as Markdown (CommonMark with GitHub-style tables
// and footnotes).
func WriteMarkdown(w io.Writer, b *Brief) error {
	t, err := template.New("brief.md").Funcs(mdFuncs).Parse(markdownTemplate)
	if err != nil {
		return err
	}
	return t.Execute(w, b)
}

// WriteHTML renders b as a standalone HTML page.
func WriteHTML(w io.Writer, b *Brief) error {
	t, err := htmltemplate.New("brief.html").Funcs(htmltemplate.FuncMap{"cap": capitalise}).Parse(htmlTemplate)
	if err != nil {
		return err
	}
	return t.Execute(w, b)
}

// mdEscape escapes the characters that Markdown would read as markup, and
// folds newlines so that text stays in its list item.
var mdReplacer = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`, "\r", " ", "\n", " ")

func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdCell escapes text for a table cell.
func mdCell(s string) string { return mdEscape(s) }

// capitalise upper-cases the first letter.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
