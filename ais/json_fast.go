package ais

// Hand-written JSON for the position reports, which are most of any feed:
// the same fields, names, order and number formats as WriteFields through
// a JSONWriter (TestFastJSONMatchesWriteFields keeps them equal), without
// an interface call per field.

// fastJSON is implemented by messages with a hand-written encoding of their
// fields (no braces) for JSONWriter.WriteMessage.
type fastJSON interface {
	appendJSONFields(dst []byte) []byte
}

// WriteMessage writes m's fields: the same output as m.WriteFields(j), faster
// for the position report types.
func (j *JSONWriter) WriteMessage(m Message) {
	f, ok := m.(fastJSON)
	if !ok {
		m.WriteFields(j)
		return
	}
	if j.comma {
		j.buf = append(j.buf, ',')
	}
	j.buf = f.appendJSONFields(j.buf)
	j.comma = true
}

func appendHeaderJSON(dst []byte, h *Header) []byte {
	dst = append(dst, `"type":`...)
	dst = appendInt(dst, int64(h.Type))
	dst = append(dst, `,"repeat":`...)
	dst = appendInt(dst, int64(h.Repeat))
	dst = append(dst, `,"mmsi":`...)
	return appendInt(dst, int64(h.MMSI))
}

// appendOptFloat appends `,"name":v` when o is present; key includes the
// leading comma, quotes and colon.
func appendOptFloat(dst []byte, key string, o Opt[float64], decimals int) []byte {
	if !o.OK {
		return dst
	}
	return appendFloat(append(dst, key...), o.V, decimals)
}

func appendOptUint[T ~uint8 | ~uint16 | ~uint32](dst []byte, key string, o Opt[T]) []byte {
	if !o.OK {
		return dst
	}
	return appendInt(append(dst, key...), int64(o.V))
}

func appendBool(dst []byte, key string, v bool) []byte {
	dst = append(dst, key...)
	if v {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

// appendMotionJSON appends the run of fields types 1-3 and 18 share, from
// sog to second.
func appendMotionJSON(dst []byte, sog Opt[float64], accuracy bool, lon, lat, cog Opt[float64], heading Opt[uint16], second Opt[uint8]) []byte {
	dst = appendOptFloat(dst, `,"sog":`, sog, decTenths)
	dst = appendBool(dst, `,"accuracy":`, accuracy)
	dst = appendOptFloat(dst, `,"lon":`, lon, decDegrees)
	dst = appendOptFloat(dst, `,"lat":`, lat, decDegrees)
	dst = appendOptFloat(dst, `,"cog":`, cog, decTenths)
	dst = appendOptUint(dst, `,"heading":`, heading)
	return appendOptUint(dst, `,"second":`, second)
}

func (m *PositionReport) appendJSONFields(dst []byte) []byte {
	dst = appendHeaderJSON(dst, &m.Header)
	dst = appendOptUint(dst, `,"nav_status":`, m.NavStatus)
	dst = appendOptFloat(dst, `,"rot":`, m.ROT, decROT)
	if m.Turn != 0 {
		dst = append(dst, `,"turn":"`...)
		dst = append(dst, m.Turn.String()...)
		dst = append(dst, '"')
	}
	dst = appendMotionJSON(dst, m.SOG, m.Accuracy, m.Lon, m.Lat, m.COG, m.Heading, m.Second)
	dst = appendOptUint(dst, `,"maneuver":`, m.Maneuver)
	dst = appendBool(dst, `,"raim":`, m.RAIM)
	dst = append(dst, `,"radio":`...)
	return appendInt(dst, int64(m.Radio))
}

func (m *ClassBPosition) appendJSONFields(dst []byte) []byte {
	dst = appendHeaderJSON(dst, &m.Header)
	dst = appendMotionJSON(dst, m.SOG, m.Accuracy, m.Lon, m.Lat, m.COG, m.Heading, m.Second)
	dst = append(dst, `,"regional":`...)
	dst = appendInt(dst, int64(m.Regional))
	dst = appendBool(dst, `,"cs":`, m.CS)
	dst = appendBool(dst, `,"display":`, m.Display)
	dst = appendBool(dst, `,"dsc":`, m.DSC)
	dst = appendBool(dst, `,"band":`, m.Band)
	dst = appendBool(dst, `,"msg22":`, m.Msg22)
	dst = appendBool(dst, `,"assigned":`, m.Assigned)
	dst = appendBool(dst, `,"raim":`, m.RAIM)
	dst = append(dst, `,"radio":`...)
	return appendInt(dst, int64(m.Radio))
}
