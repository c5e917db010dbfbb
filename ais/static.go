package ais

// StaticVoyageData is a Class A ship static and voyage related data report,
// type 5 (424 bits). It arrives as two sentences from terrestrial receivers
// and as one 71-character sentence from some satellite providers; both decode
// the same.
type StaticVoyageData struct {
	Header
	AISVersion  uint8        `json:"ais_version"`
	IMO         Opt[uint32]  `json:"imo,omitzero"`
	Callsign    string       `json:"callsign,omitempty"`
	Name        string       `json:"name,omitempty"`
	ShipType    Opt[uint8]   `json:"ship_type,omitzero"`
	ToBow       Opt[uint16]  `json:"to_bow,omitzero"` // metres from the reference point; 511 means 511 or more
	ToStern     Opt[uint16]  `json:"to_stern,omitzero"`
	ToPort      Opt[uint8]   `json:"to_port,omitzero"` // 63 means 63 or more
	ToStarboard Opt[uint8]   `json:"to_starboard,omitzero"`
	EPFD        Opt[uint8]   `json:"epfd,omitzero"` // type of position fixing device
	ETAMonth    Opt[uint8]   `json:"eta_month,omitzero"`
	ETADay      Opt[uint8]   `json:"eta_day,omitzero"`
	ETAHour     Opt[uint8]   `json:"eta_hour,omitzero"`
	ETAMinute   Opt[uint8]   `json:"eta_minute,omitzero"`
	Draught     Opt[float64] `json:"draught,omitzero"` // metres
	Destination string       `json:"destination,omitempty"`
	// DTE is true when the data terminal is ready (the payload's DTE bit is 0).
	DTE bool `json:"dte"`
}

const staticVoyageBits = 424

func (m *StaticVoyageData) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.AISVersion = uint8(uintAt(b, 38, 2))
	m.IMO = uintOpt[uint32](b, 40, 30, 0)
	m.Callsign = d.textAt(b, 70, 7)
	m.Name = d.textAt(b, 112, 20)
	m.ShipType = uintOpt[uint8](b, 232, 8, 0)
	m.ToBow, m.ToStern, m.ToPort, m.ToStarboard = dims(b, 240)
	m.EPFD = uintOpt[uint8](b, 270, 4, 0)
	m.ETAMonth = uintOpt[uint8](b, 274, 4, 0)
	m.ETADay = uintOpt[uint8](b, 278, 5, 0)
	m.ETAHour = uintOpt[uint8](b, 283, 5, 24)
	m.ETAMinute = uintOpt[uint8](b, 288, 6, 60)
	m.Draught = tenths(b, 294, 8, 0)
	m.Destination = d.textAt(b, 302, 20)
	m.DTE = b.has(422, 1) && !b.flag(422)
	return short(b, 5, staticVoyageBits)
}

// WriteFields implements Message.
func (m *StaticVoyageData) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Int("ais_version", int64(m.AISVersion))
	writeUint(w, "imo", m.IMO)
	writeString(w, "callsign", m.Callsign)
	writeString(w, "name", m.Name)
	writeUint(w, "ship_type", m.ShipType)
	writeUint(w, "to_bow", m.ToBow)
	writeUint(w, "to_stern", m.ToStern)
	writeUint(w, "to_port", m.ToPort)
	writeUint(w, "to_starboard", m.ToStarboard)
	writeUint(w, "epfd", m.EPFD)
	writeUint(w, "eta_month", m.ETAMonth)
	writeUint(w, "eta_day", m.ETADay)
	writeUint(w, "eta_hour", m.ETAHour)
	writeUint(w, "eta_minute", m.ETAMinute)
	writeFloat(w, "draught", m.Draught, decTenths)
	writeString(w, "destination", m.Destination)
	w.Bool("dte", m.DTE)
}

func (m *StaticVoyageData) encode(bw *bitWriter) {
	m.Header.encode(bw, 5)
	bw.put(uint64(m.AISVersion), 2)
	putUintOpt(bw, m.IMO, 30, 0)
	bw.putText(m.Callsign, 7)
	bw.putText(m.Name, 20)
	putUintOpt(bw, m.ShipType, 8, 0)
	putDims(bw, m.ToBow, m.ToStern, m.ToPort, m.ToStarboard)
	putUintOpt(bw, m.EPFD, 4, 0)
	putUintOpt(bw, m.ETAMonth, 4, 0)
	putUintOpt(bw, m.ETADay, 5, 0)
	putUintOpt(bw, m.ETAHour, 5, 24)
	putUintOpt(bw, m.ETAMinute, 6, 60)
	putTenths(bw, m.Draught, 8, 0)
	bw.putText(m.Destination, 20)
	bw.putFlag(!m.DTE)
	bw.put(0, 1)
}

// ClassBExtended is the extended Class B position report, type 19 (312 bits).
type ClassBExtended struct {
	Header
	SOG         Opt[float64] `json:"sog,omitzero"`
	Accuracy    bool         `json:"accuracy"`
	Lon         Opt[float64] `json:"lon,omitzero"`
	Lat         Opt[float64] `json:"lat,omitzero"`
	COG         Opt[float64] `json:"cog,omitzero"`
	Heading     Opt[uint16]  `json:"heading,omitzero"`
	Second      Opt[uint8]   `json:"second,omitzero"`
	Regional    uint8        `json:"regional"` // 4 bits
	Name        string       `json:"name,omitempty"`
	ShipType    Opt[uint8]   `json:"ship_type,omitzero"`
	ToBow       Opt[uint16]  `json:"to_bow,omitzero"`
	ToStern     Opt[uint16]  `json:"to_stern,omitzero"`
	ToPort      Opt[uint8]   `json:"to_port,omitzero"`
	ToStarboard Opt[uint8]   `json:"to_starboard,omitzero"`
	EPFD        Opt[uint8]   `json:"epfd,omitzero"`
	RAIM        bool         `json:"raim"`
	DTE         bool         `json:"dte"`
	Assigned    bool         `json:"assigned"`
}

const classBExtendedBits = 312

func (m *ClassBExtended) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	m.SOG = tenths(b, 46, 10, 1023)
	m.Accuracy = flagAt(b, 56)
	m.Lon, m.Lat = lonLat(b, 57, 28, 27, 600000)
	m.COG = tenths(b, 112, 12, 3600)
	m.Heading = uintOpt[uint16](b, 124, 9, 511)
	m.Second = uintOpt[uint8](b, 133, 6, 60)
	m.Regional = uint8(uintAt(b, 139, 4))
	m.Name = d.textAt(b, 143, 20)
	m.ShipType = uintOpt[uint8](b, 263, 8, 0)
	m.ToBow, m.ToStern, m.ToPort, m.ToStarboard = dims(b, 271)
	m.EPFD = uintOpt[uint8](b, 301, 4, 0)
	m.RAIM = flagAt(b, 305)
	m.DTE = b.has(306, 1) && !b.flag(306)
	m.Assigned = flagAt(b, 307)
	return short(b, 19, classBExtendedBits)
}

// WriteFields implements Message.
func (m *ClassBExtended) WriteFields(w FieldWriter) {
	m.Header.write(w)
	writeFloat(w, "sog", m.SOG, decTenths)
	w.Bool("accuracy", m.Accuracy)
	writeFloat(w, "lon", m.Lon, decDegrees)
	writeFloat(w, "lat", m.Lat, decDegrees)
	writeFloat(w, "cog", m.COG, decTenths)
	writeUint(w, "heading", m.Heading)
	writeUint(w, "second", m.Second)
	w.Int("regional", int64(m.Regional))
	writeString(w, "name", m.Name)
	writeUint(w, "ship_type", m.ShipType)
	writeUint(w, "to_bow", m.ToBow)
	writeUint(w, "to_stern", m.ToStern)
	writeUint(w, "to_port", m.ToPort)
	writeUint(w, "to_starboard", m.ToStarboard)
	writeUint(w, "epfd", m.EPFD)
	w.Bool("raim", m.RAIM)
	w.Bool("dte", m.DTE)
	w.Bool("assigned", m.Assigned)
}

func (m *ClassBExtended) encode(bw *bitWriter) {
	m.Header.encode(bw, 19)
	bw.put(0, 8)
	putTenths(bw, m.SOG, 10, 1023)
	bw.putFlag(m.Accuracy)
	putLonLat(bw, m.Lon, m.Lat, 28, 27, 600000)
	putTenths(bw, m.COG, 12, 3600)
	putUintOpt(bw, m.Heading, 9, 511)
	putUintOpt(bw, m.Second, 6, 60)
	bw.put(uint64(m.Regional), 4)
	bw.putText(m.Name, 20)
	putUintOpt(bw, m.ShipType, 8, 0)
	putDims(bw, m.ToBow, m.ToStern, m.ToPort, m.ToStarboard)
	putUintOpt(bw, m.EPFD, 4, 0)
	bw.putFlag(m.RAIM)
	bw.putFlag(!m.DTE)
	bw.putFlag(m.Assigned)
	bw.put(0, 4)
}

// StaticDataReport is the Class B static data report, type 24. Part A
// (Part 0, 160 bits) carries the name; part B (Part 1, 168 bits) the ship
// type, vendor, call sign and dimensions, or the mothership's MMSI for an
// auxiliary craft (MMSI 98xxxxxxx).
type StaticDataReport struct {
	Header
	Part uint8  `json:"part"` // 0 = A, 1 = B
	Name string `json:"name,omitempty"`
	// Part B:
	ShipType       Opt[uint8]  `json:"ship_type,omitzero"`
	VendorID       string      `json:"vendor_id,omitempty"` // manufacturer's 3-character code
	Model          uint8       `json:"model,omitzero"`      // unit model code
	Serial         uint32      `json:"serial,omitzero"`     // unit serial number
	Callsign       string      `json:"callsign,omitempty"`
	ToBow          Opt[uint16] `json:"to_bow,omitzero"`
	ToStern        Opt[uint16] `json:"to_stern,omitzero"`
	ToPort         Opt[uint8]  `json:"to_port,omitzero"`
	ToStarboard    Opt[uint8]  `json:"to_starboard,omitzero"`
	MothershipMMSI Opt[uint32] `json:"mothership_mmsi,omitzero"` // auxiliary craft only, instead of the dimensions
	EPFD           Opt[uint8]  `json:"epfd,omitzero"`
}

// Auxiliary reports whether the MMSI is that of an auxiliary craft
// associated with a parent ship (98MIDxxxx).
func (m *StaticDataReport) Auxiliary() bool { return m.MMSI/10000000 == 98 }

func (m *StaticDataReport) decode(b *bits, d *Decoder) error {
	m.Header.decode(b)
	*m = StaticDataReport{Header: m.Header, Part: uint8(uintAt(b, 38, 2))}
	switch m.Part {
	case 0:
		m.Name = d.textAt(b, 40, 20)
		return short(b, 24, 160)
	case 1:
		m.ShipType = uintOpt[uint8](b, 40, 8, 0)
		m.VendorID = d.textAt(b, 48, 3)
		m.Model = uint8(uintAt(b, 66, 4))
		m.Serial = uint32(uintAt(b, 70, 20))
		m.Callsign = d.textAt(b, 90, 7)
		if m.Auxiliary() {
			m.MothershipMMSI = uintOpt[uint32](b, 132, 30, 0)
		} else {
			m.ToBow, m.ToStern, m.ToPort, m.ToStarboard = dims(b, 132)
		}
		m.EPFD = uintOpt[uint8](b, 162, 4, 0)
		return short(b, 24, 168)
	}
	return nil
}

// WriteFields implements Message.
func (m *StaticDataReport) WriteFields(w FieldWriter) {
	m.Header.write(w)
	w.Int("part", int64(m.Part))
	writeString(w, "name", m.Name)
	if m.Part != 1 {
		return
	}
	writeUint(w, "ship_type", m.ShipType)
	writeString(w, "vendor_id", m.VendorID)
	if m.Model != 0 {
		w.Int("model", int64(m.Model))
	}
	if m.Serial != 0 {
		w.Int("serial", int64(m.Serial))
	}
	writeString(w, "callsign", m.Callsign)
	writeUint(w, "to_bow", m.ToBow)
	writeUint(w, "to_stern", m.ToStern)
	writeUint(w, "to_port", m.ToPort)
	writeUint(w, "to_starboard", m.ToStarboard)
	writeUint(w, "mothership_mmsi", m.MothershipMMSI)
	writeUint(w, "epfd", m.EPFD)
}

func (m *StaticDataReport) encode(bw *bitWriter) {
	m.Header.encode(bw, 24)
	bw.put(uint64(m.Part), 2)
	if m.Part == 0 {
		bw.putText(m.Name, 20)
		return
	}
	putUintOpt(bw, m.ShipType, 8, 0)
	bw.putText(m.VendorID, 3)
	bw.put(uint64(m.Model), 4)
	bw.put(uint64(m.Serial), 20)
	bw.putText(m.Callsign, 7)
	if m.Auxiliary() {
		putUintOpt(bw, m.MothershipMMSI, 30, 0)
	} else {
		putDims(bw, m.ToBow, m.ToStern, m.ToPort, m.ToStarboard)
	}
	putUintOpt(bw, m.EPFD, 4, 0)
	bw.put(0, 2)
}
