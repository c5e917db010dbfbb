package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-osint/sitrep/ais"
	"github.com/sitrep-osint/sitrep/nmea"
	"github.com/spf13/cobra"
)

type decodeOptions struct {
	quiet  bool // decode everything, print only the summary
	errors bool // print each rejected line to stderr
	// cpuProfile, when set, names a file for a Go CPU profile of the run.
	cpuProfile string
}

func newDecodeCmd() *cobra.Command {
	var opts decodeOptions
	cmd := &cobra.Command{
		Use:   "decode [FILE...]",
		Short: "Decode AIS NMEA sentences to JSON Lines",
		Long: `Decode AIS NMEA 0183 sentences (!AIVDM/!AIVDO from any talker, with or
without NMEA 4.10 tag blocks, $PGHP headers or trailing timestamps) from the
files given, or from standard input, and print one JSON object per decoded
message per line, in input order. Multipart messages are reassembled.

Other NMEA sentences are skipped and counted. Broken lines are rejected and
counted by reason; they never stop the decoding. A summary of messages by type
and rejections by reason goes to standard error at the end.

The JSON schema is documented in docs/decode-json.md.`,
		Example: `  sitrep decode capture.nmea
  nc 127.0.0.1 10110 | sitrep decode
  sitrep decode --quiet --errors capture.nmea`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.cpuProfile != "" {
				stop, err := startCPUProfile(opts.cpuProfile)
				if err != nil {
					return err
				}
				defer stop()
			}
			out := newOutBuffer(cmd.OutOrStdout())
			d := newDecodeRun(out, cmd.ErrOrStderr(), opts)
			d.stdin = cmd.InOrStdin()
			if len(args) == 0 {
				args = []string{"-"}
			}
			for _, name := range args {
				if err := d.file(name); err != nil {
					out.Flush()
					return err
				}
			}
			if err := out.Flush(); err != nil {
				return err
			}
			d.sum.write(cmd.ErrOrStderr())
			return nil
		},
	}
	cmd.Flags().BoolVarP(&opts.quiet, "quiet", "q", false, "decode everything but print only the summary")
	cmd.Flags().BoolVar(&opts.errors, "errors", false, "print each rejected line with its line number and reason to stderr")
	cmd.Flags().StringVar(&opts.cpuProfile, "cpuprofile", "", "write a Go CPU profile to this file (for performance work)")
	_ = cmd.Flags().MarkHidden("cpuprofile")
	return cmd
}

// decodeRun decodes one or more streams with one decoder and one summary.
type decodeRun struct {
	out   *outBuffer
	errw  io.Writer
	stdin io.Reader
	opts  decodeOptions
	dec   *ais.Decoder
	jw    ais.JSONWriter
	tbuf  []byte
	sum   decodeSummary
}

func newDecodeRun(out *outBuffer, errw io.Writer, opts decodeOptions) *decodeRun {
	return &decodeRun{out: out, errw: errw, opts: opts, dec: ais.NewDecoder(),
		sum: decodeSummary{rejected: map[string]int{}}}
}

// file decodes the named file ("-" for standard input).
func (d *decodeRun) file(name string) error {
	r := d.stdin
	display := "stdin"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r, display = f, name
	}
	return d.stream(display, r)
}

// stream decodes one stream; fragments do not carry over between streams.
func (d *decodeRun) stream(name string, r io.Reader) error {
	nr := nmea.NewReader(r, nmea.ReaderConfig{})
	defer func() { d.sum.add(nr.Stats()) }()
	for {
		msg, err := nr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *nmea.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("%s: %w", name, err)
			}
			d.reject(name, pe.Line, pe.Err, pe.Text)
			continue
		}
		m, err := d.dec.Decode(msg.Payload, msg.FillBits)
		if err != nil {
			if m == nil || !errors.Is(err, ais.ErrShort) {
				d.reject(name, msg.Line, err, "")
				continue
			}
			d.sum.short++
			if d.opts.errors {
				fmt.Fprintf(d.errw, "%s:%d: decoded partly: %v\n", name, msg.Line, err)
			}
		}
		d.sum.byType[m.Head().Type]++
		d.sum.messages++
		if d.opts.quiet {
			continue
		}
		d.write(m, msg)
	}
}

// reject counts a rejected line and, with --errors, reports it as
// FILE:LINE: reason[: "text"].
func (d *decodeRun) reject(name string, line int, err error, text string) {
	d.sum.rejected[reasonOf(err)]++
	if !d.opts.errors {
		return
	}
	if text != "" {
		fmt.Fprintf(d.errw, "%s:%d: %v: %q\n", name, line, err, text)
	} else {
		fmt.Fprintf(d.errw, "%s:%d: %v\n", name, line, err)
	}
}

// channelNames avoids a string conversion per message.
var channelNames = func() (t [256]string) {
	for i := range t {
		t[i] = string(rune(i))
	}
	return t
}()

func (d *decodeRun) write(m ais.Message, msg *nmea.Message) {
	jw := &d.jw
	jw.Reset(d.out.free())
	jw.Begin()
	jw.WriteMessage(m)
	if msg.Own {
		jw.Bool("own", true)
	}
	if msg.Channel != 0 {
		jw.String("channel", channelNames[msg.Channel])
	}
	if !msg.Time.IsZero() {
		d.tbuf = msg.Time.UTC().AppendFormat(d.tbuf[:0], time.RFC3339Nano)
		jw.Text("received", d.tbuf)
	}
	if t := &msg.Tag; t.Present {
		jw.BeginObject("tag")
		if t.Source != "" {
			jw.String("s", t.Source)
		}
		if t.Dest != "" {
			jw.String("d", t.Dest)
		}
		if !t.Time.IsZero() {
			jw.Int("c", t.Time.Unix())
		}
		if t.GroupTotal != 0 {
			jw.BeginObject("g")
			jw.Int("seq", int64(t.GroupSeq))
			jw.Int("total", int64(t.GroupTotal))
			jw.Int("id", int64(t.GroupID))
			jw.EndObject()
		}
		if t.LineCount != 0 {
			jw.Int("n", int64(t.LineCount))
		}
		if t.Rel != 0 {
			jw.Int("r", t.Rel)
		}
		if t.Text != "" {
			jw.String("t", t.Text)
		}
		jw.EndObject()
	}
	jw.End()
	d.out.commit(append(jw.Bytes(), '\n'))
}

// outBuffer collects output lines and writes them in large blocks. Lines
// are encoded straight into its buffer, so nothing is copied twice.
type outBuffer struct {
	w   io.Writer
	buf []byte
	err error
}

const outBufferSize = 256 << 10

func newOutBuffer(w io.Writer) *outBuffer {
	return &outBuffer{w: w, buf: make([]byte, 0, outBufferSize+4096)}
}

// free returns the unused capacity of the buffer to encode a line into.
func (o *outBuffer) free() []byte { return o.buf[len(o.buf):] }

// commit adds a line encoded into free() (or, if it outgrew it, anywhere)
// and writes the buffer once it is nearly full.
func (o *outBuffer) commit(line []byte) {
	n := len(o.buf)
	if cap(o.buf)-n >= len(line) && &o.buf[:n+1][n] == &line[0] {
		o.buf = o.buf[:n+len(line)] // encoded in place
	} else {
		o.buf = append(o.buf, line...)
	}
	if len(o.buf) >= outBufferSize {
		o.Flush()
	}
}

// Flush writes what is buffered; it returns the first write error.
func (o *outBuffer) Flush() error {
	if o.err == nil && len(o.buf) > 0 {
		_, o.err = o.w.Write(o.buf)
	}
	o.buf = o.buf[:0]
	return o.err
}

// reasonOf names a rejection reason for the summary: the nmea package's
// stable reason names, and names for the payload errors of package ais.
func reasonOf(err error) string {
	if r := nmea.ReasonOf(err); r != nmea.ReasonNone {
		return r.String()
	}
	for _, r := range []struct {
		err  error
		name string
	}{
		{ais.ErrBadChar, "payload-char"},
		{ais.ErrFillBits, "fill-bits"},
		{ais.ErrTooLong, "payload-too-long"},
		{ais.ErrUnknownType, "unknown-type"},
		{ais.ErrShort, "short-header"},
		{ais.ErrEmpty, "empty-payload"},
	} {
		if errors.Is(err, r.err) {
			return r.name
		}
	}
	return "other"
}

// decodeSummary counts what a decode run saw.
type decodeSummary struct {
	lines, sentences, skipped int64
	messages, short           int
	byType                    [28]int
	rejected                  map[string]int
}

func (s *decodeSummary) add(st nmea.Stats) {
	s.lines += st.Lines
	s.sentences += st.Sentences
	s.skipped += st.Skipped
}

func (s *decodeSummary) write(w io.Writer) {
	nrej := 0
	for _, n := range s.rejected {
		nrej += n
	}
	fmt.Fprintf(w, "sitrep decode: %d lines, %d valid AIS sentences, %d messages decoded (%d with a short payload, decoded partly), %d rejected, %d other sentences skipped\n",
		s.lines, s.sentences, s.messages, s.short, nrej, s.skipped)
	var parts []string
	for t, n := range s.byType {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d:%d", t, n))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "  by type: %s\n", strings.Join(parts, " "))
	}
	if nrej > 0 {
		reasons := make([]string, 0, len(s.rejected))
		for r := range s.rejected {
			reasons = append(reasons, r)
		}
		sort.Slice(reasons, func(i, j int) bool {
			if s.rejected[reasons[i]] != s.rejected[reasons[j]] {
				return s.rejected[reasons[i]] > s.rejected[reasons[j]]
			}
			return reasons[i] < reasons[j]
		})
		parts = parts[:0]
		for _, r := range reasons {
			parts = append(parts, fmt.Sprintf("%s: %d", r, s.rejected[r]))
		}
		fmt.Fprintf(w, "  rejected: %s\n", strings.Join(parts, ", "))
	}
}

// startCPUProfile writes a CPU profile to path until the returned function
// is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
