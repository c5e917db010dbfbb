package nmea_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep-osint/sitrep/nmea"
)

func ExampleReader() {
	feed := strings.NewReader(`\c:1420030798*00\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22
!AIVDM,2,2,3,A,wwt,2*63
$GPGGA,114702.00,3351.0151,S,15117.2160,E,1,06,1.69,00093,M,021,M,,*76
!AIVDM,1,1,,B,,0*25
!AIVDM,2,1,3,A,802R5Ph0Bk@Ch@Fln<ljQhs2HGwwwwwwwwwwwwwwwwwwwwwwwwwwwwww,0*48
`)
	r := nmea.NewReader(feed, nmea.ReaderConfig{Source: "example"})
	for {
		m, err := r.Next()
		if err == io.EOF {
			break
		}
		var pe *nmea.ParseError
		if errors.As(err, &pe) {
			fmt.Printf("rejected line %d (%v)\n", pe.Line, nmea.ReasonOf(err))
			continue
		}
		if err != nil {
			fmt.Println("read error:", err)
			return
		}
		// m is valid until the next call to Next: copy what you keep.
		fmt.Printf("lines %d-%d: %d fragment(s), %d payload characters, time %v (%v)\n",
			m.FirstLine, m.Line, m.Fragments, len(m.Payload), m.Time.Format("2006-01-02 15:04:05"), m.TimeSource)
	}
	st := r.Stats()
	fmt.Printf("%d lines, %d sentences, %d messages, skipped %v\n", st.Lines, st.Sentences, st.Messages, st.SkippedBy)
	// Output:
	// lines 1-1: 1 fragment(s), 28 payload characters, time 2014-12-31 12:59:58 (tag)
	// rejected line 4 (empty-payload)
	// lines 2-5: 2 fragment(s), 59 payload characters, time 0001-01-01 00:00:00 (none)
	// 5 lines, 3 sentences, 2 messages, skipped map[GPGGA:1]
}

// A UDP feed gets one sentence per datagram: it parses each with a Parser
// (which keeps $PGHP state and interns tag-block strings) and joins
// fragments with an Assembler.
func ExampleAssembler() {
	var p nmea.Parser
	a := nmea.NewAssembler(nmea.AssemblerConfig{})
	datagrams := []string{
		`\g:2-2-3985*5A\!AIVDM,2,2,9,B,PFRC88888888880,2*29`,
		`\g:1-2-3985,s:rEV02,c:1334337317*2D\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216` + "`0`" + `cF5BF0RT13H0T,0*70`,
	}
	var s nmea.Sentence
	for _, d := range datagrams {
		if err := p.Parse([]byte(d), &s); err != nil {
			continue // count it
		}
		m, err := a.Add(&s, "udp:10110")
		if err != nil || m == nil {
			continue
		}
		fmt.Printf("%d fragments from %s: %s\n", m.Fragments, m.Tag.Source, m.Payload)
	}
	for err := a.NextOrphan(); err != nil; err = a.NextOrphan() {
		fmt.Println(err)
	}
	// Output:
	// 2 fragments from rEV02: 58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0TPFRC88888888880
}
