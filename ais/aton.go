package ais

// AidToNavigation is an aid-to-navigation report, type 21 (272 to 360
// bits).
type AidToNavigation struct {
	Header
	AidType Opt[uint8] `json:"aid_type,omitzero"` // 1..31 (M.1371 table 72); 0 "not specified" is absent
	// Name is the AtoN's name. A name longer than 20 characters continues
	// in the name extension at the end of the message (up to 14 more
	// characters), which is appended here; the extension is ignored when the
	// 20-character field is not full, as M.1371 uses it only then.
	Name        string       `json:"name,omitempty"`
	Accuracy    bool         `json:"accuracy"`     // true: high (<= 10 m)
	Lon         Opt[float64] `json:"lon,omitzero"` // degrees, resolution 1/10000 minute
	Lat         Opt[float64] `json:"lat,omitzero"`
	ToBow       Opt[uint16]  `json:"to_bow,omitzero"` // metres from the reference point
	ToStern     Opt[uint16]  `json:"to_stern,omitzero"`
	ToPort      Opt[uint8]   `json:"to_port,omitzero"`
	ToStarboard Opt[uint8]   `json:"to_starboard,omitzero"`
	EPFD        Opt[uint8]   `json:"epfd,omitzero"`   // type of position fixing device; 0 "undefined" is absent
	Second      Opt[uint8]   `json:"second,omitzero"` // UTC second; 61..63 are the M.1371 special codes
	// OffPosition is true when a floating AtoN is off its charted position;
	// it is meaningful only when Second is 0..59.
	OffPosition bool `json:"off_position"`
	// Regional is the 8-bit field reserved for regional applications; M.1371-5
	// calls it the AtoN status.
	Regional   uint8 `json:"regional"`
	RAIM       bool  `json:"raim"`
	VirtualAid bool  `json:"virtual_aid"` // a virtual AtoN, with no physical aid at the position
	Assigned   bool  `json:"assigned"`    // assigned mode
}

const atonBits = 272

func (m *AidToNavigation) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.AidType = uintOpt[uint8](b, 38, 5, 0)
	name := b.text(43, 20, d.text[:0])
	if len(name) == 20 && b.n >= 278 {
		// The extension: whole characters after bit 272, at most 14; what
		// follows is spare. d.text holds 64 bytes, room for both.
		ext := b.text(272, min((b.n-272)/6, 14), d.text[20:20])
		name = d.text[:20+len(ext)]
	}
	m.Name = d.str(name)
	m.Accuracy = flagAt(b, 163)
	m.Lon, m.Lat = lonLat(b, 164, 28, 27, 600000)
	m.ToBow, m.ToStern, m.ToPort, m.ToStarboard = dims(b, 219)
	m.EPFD = uintOpt[uint8](b, 249, 4, 0)
	m.Second = uintOpt[uint8](b, 253, 6, 60)
	m.OffPosition = flagAt(b, 259)
	m.Regional = uint8(uintAt(b, 260, 8))
	m.RAIM = flagAt(b, 268)
	m.VirtualAid = flagAt(b, 269)
	m.Assigned = flagAt(b, 270)
	return short(b, 21, atonBits)
}

// WriteFields implements Message.
func (m *AidToNavigation) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeUint(w, "aid_type", m.AidType)
	writeString(w, "name", m.Name)
	w.Bool("accuracy", m.Accuracy)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeUint(w, "to_bow", m.ToBow)
	writeUint(w, "to_stern", m.ToStern)
	writeUint(w, "to_port", m.ToPort)
	writeUint(w, "to_starboard", m.ToStarboard)
	writeUint(w, "epfd", m.EPFD)
	writeUint(w, "second", m.Second)
	w.Bool("off_position", m.OffPosition)
	w.Int("regional", int64(m.Regional))
	w.Bool("raim", m.RAIM)
	w.Bool("virtual_aid", m.VirtualAid)
	w.Bool("assigned", m.Assigned)
}
