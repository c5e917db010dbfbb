package feed_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/sitrep-osint/sitrep/feed"
)

func ExampleParseSpec() {
	for _, spec := range []string{
		"tcp:name=ais1,addr=153.44.253.27:5631",
		"udp::10110",
		"file:testdata/ais/amsa-tag-block.nmea?speed=60&loop=1",
		"stdin",
		"tcp:153.44.253.27",
	} {
		c, err := feed.ParseSpec(spec)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-6s %-15s %s\n", c.Kind, c.Name, c.Spec())
	}
	// Output:
	// tcp    ais1            tcp:153.44.253.27:5631?name=ais1
	// udp    udp-10110       udp::10110?name=udp-10110
	// file   amsa-tag-block  file:testdata/ais/amsa-tag-block.nmea?name=amsa-tag-block&speed=60&loop=1
	// stdin  stdin           stdin?name=stdin
	// <invalid> feed spec "tcp:153.44.253.27": feed "tcp-153.44.253.27": addr: "153.44.253.27": want host:port
}

func ExampleManager() {
	var lines atomic.Int64
	m := feed.NewManager(func(name string, line []byte, received time.Time) {
		lines.Add(1) // line is only valid during the call: copy it to keep it
	}, feed.Options{Logger: slog.New(slog.DiscardHandler)})
	defer m.Close()

	c, err := feed.ParseSpec("file:../testdata/ais/dma-ais250.nmea")
	if err != nil {
		panic(err)
	}
	if err := m.Start(context.Background(), c); err != nil {
		panic(err)
	}
	for st, _ := m.Status(c.Name); st.State == feed.Starting || st.State == feed.Up; st, _ = m.Status(c.Name) {
		time.Sleep(time.Millisecond)
	}
	st, _ := m.Status(c.Name)
	fmt.Println(st.Name, st.State, st.Lines, lines.Load(), st.Dropped)
	// Output: dma-ais250 done 243 243 0
}
