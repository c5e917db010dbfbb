package httpapi

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/sitrep-osint/sitrep/live"
)

// The map endpoints answer with thousands of vessels per request; the
// encoder below writes mapBody without reflection, byte for byte as
// encoding/json would (TestLiveJSON compares the two), at about half the
// cost.

// maxPooledBuffer is the largest buffer put back in mapBuffers.
const maxPooledBuffer = 4 << 20

// bufferPool recycles the encoding buffers of map responses (a few
// hundred KiB each), so that busy map clients do not drive the GC.
type bufferPool struct{ p sync.Pool }

// writeMapBody writes b as JSON with status 200.
func (bp *bufferPool) writeMapBody(w http.ResponseWriter, b *mapBody) {
	pb, _ := bp.p.Get().(*[]byte)
	if pb == nil {
		pb = new([]byte)
	}
	buf := (*pb)[:0]
	defer func() {
		if cap(buf) <= maxPooledBuffer {
			*pb = buf[:0]
			bp.p.Put(pb)
		}
	}()
	buf = append(buf, `{"items":[`...)
	for i := range b.Items {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendLiveVessel(buf, &b.Items[i])
	}
	buf = append(buf, `],"total":`...)
	buf = strconv.AppendInt(buf, int64(b.Total), 10)
	buf = append(buf, `,"truncated":`...)
	buf = strconv.AppendBool(buf, b.Truncated)
	buf = append(buf, "}\n"...)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(buf)
}

// appendLiveVessel appends v as encoding/json marshals it (its struct tags:
// omitempty on name, ship_type, type_name, flag and simulated).
func appendLiveVessel(b []byte, v *live.Vessel) []byte {
	b = append(b, `{"mmsi":`...)
	b = strconv.AppendUint(b, uint64(v.MMSI), 10)
	b = append(b, `,"lat":`...)
	b = appendFloat(b, v.Lat, 64)
	b = append(b, `,"lon":`...)
	b = appendFloat(b, v.Lon, 64)
	b = append(b, `,"sog":`...)
	b = appendFloat(b, float64(v.SOG), 32)
	b = append(b, `,"cog":`...)
	b = appendFloat(b, float64(v.COG), 32)
	b = append(b, `,"heading":`...)
	b = strconv.AppendUint(b, uint64(v.Heading), 10)
	b = append(b, `,"time":`...)
	b = appendTime(b, v.Time)
	if v.Name != "" {
		b = append(b, `,"name":`...)
		b = appendString(b, v.Name)
	}
	if v.ShipType != 0 {
		b = append(b, `,"ship_type":`...)
		b = strconv.AppendUint(b, uint64(v.ShipType), 10)
	}
	if v.TypeName != "" {
		b = append(b, `,"type_name":`...)
		b = appendString(b, v.TypeName)
	}
	b = append(b, `,"class":`...)
	b = appendString(b, v.Class)
	if v.Flag != "" {
		b = append(b, `,"flag":`...)
		b = appendString(b, v.Flag)
	}
	if v.Simulated {
		b = append(b, `,"simulated":true`...)
	}
	return append(b, '}')
}

// appendFloat formats f as encoding/json does (bits 32 for float32).
// NaN and infinities, which JSON cannot carry, are written as null.
func appendFloat(b []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendTime formats t as time.Time.MarshalJSON does.
func appendTime(b []byte, t time.Time) []byte {
	if y := t.Year(); y < 0 || y > 9999 {
		return appendMarshal(b, t)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// appendString quotes s as encoding/json does: plain printable ASCII
// directly, anything that needs escaping through encoding/json.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return appendMarshal(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendMarshal(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, j...)
}
