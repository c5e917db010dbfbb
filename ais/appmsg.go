package ais

// Application messages carried by binary broadcasts (type 8). Fields are
// decoded relative to the start of the application data; those beyond the
// end of the payload are absent.

// appUint decodes an unsigned field whose values above limit are "not
// available" or reserved codes.
func appUint[T ~uint8 | ~uint16 | ~uint32](b *bits, pos, width int, limit uint64) Opt[T] {
	if !b.has(pos, width) {
		return Opt[T]{}
	}
	if v := b.u(pos, width); v <= limit {
		return Some(T(v))
	}
	return Opt[T]{}
}

// appScaled decodes an unsigned field v as (v+offset)/div for v <= limit.
func appScaled(b *bits, pos, width int, limit uint64, offset int64, div float64) Opt[float64] {
	if !b.has(pos, width) {
		return Opt[float64]{}
	}
	if v := b.u(pos, width); v <= limit {
		return Some(float64(int64(v)+offset) / div)
	}
	return Opt[float64]{}
}

// appSigned decodes a two's complement field v as v/div for lo <= v <= hi.
func appSigned(b *bits, pos, width int, lo, hi int64, div float64) Opt[float64] {
	if !b.has(pos, width) {
		return Opt[float64]{}
	}
	if v := b.i(pos, width); v >= lo && v <= hi {
		return Some(float64(v) / div)
	}
	return Opt[float64]{}
}

// appCoord decodes a longitude or latitude in 1/1000 minute with na degrees
// as its "not available" value.
func appCoord(b *bits, pos, width int, na int64) Opt[float64] {
	if !b.has(pos, width) {
		return Opt[float64]{}
	}
	if v := b.i(pos, width); v != na*60000 {
		return Some(float64(v) / 60000)
	}
	return Opt[float64]{}
}

// Decimal places for application fields.
const (
	decHundredths = 2 // 0.01 m water level and draught
)

// MetHydro31 is the meteorological and hydrographic data application, DAC 1
// FI 31 (IMO SN.1/Circ.289; 304 bits of application data, 360-bit
// message). Units: degrees, knots, metres, hPa, °C, per cent, nautical miles
// (visibility), seconds (periods), ‰ (salinity). "Not available" and
// reserved codes are absent.
type MetHydro31 struct {
	Lon      Opt[float64] `json:"lon,omitzero"` // resolution 1/1000 minute
	Lat      Opt[float64] `json:"lat,omitzero"`
	Accuracy bool         `json:"accuracy"`        // true: high (<= 10 m)
	Day      Opt[uint8]   `json:"day,omitzero"`    // UTC day 1..31 of the observation
	Hour     Opt[uint8]   `json:"hour,omitzero"`   // 0..23
	Minute   Opt[uint8]   `json:"minute,omitzero"` // 0..59
	// WindSpeed and WindGust are 10-minute average and maximum, in whole
	// knots; 126 means 126 kn or more.
	WindSpeed   Opt[uint8]   `json:"wind_speed,omitzero"`
	WindGust    Opt[uint8]   `json:"wind_gust,omitzero"`
	WindDir     Opt[uint16]  `json:"wind_dir,omitzero"` // degrees, 0..359
	WindGustDir Opt[uint16]  `json:"wind_gust_dir,omitzero"`
	AirTemp     Opt[float64] `json:"air_temp,omitzero"`  // dry bulb, °C, -60.0..60.0
	Humidity    Opt[uint8]   `json:"humidity,omitzero"`  // relative, per cent
	DewPoint    Opt[float64] `json:"dew_point,omitzero"` // °C, -20.0..50.0
	// Pressure is in whole hPa, 800..1200; 799 means 799 hPa or less and
	// 1201 means 1201 hPa or more.
	Pressure     Opt[uint16] `json:"pressure,omitzero"`
	PressureTend Opt[uint8]  `json:"pressure_tend,omitzero"` // 0 steady, 1 decreasing, 2 increasing
	// Visibility is the horizontal visibility in nautical miles, 0.0..12.6;
	// VisGreater means it is greater than that.
	VisGreater      bool         `json:"vis_greater"`
	Visibility      Opt[float64] `json:"visibility,omitzero"`
	WaterLevel      Opt[float64] `json:"water_level,omitzero"`       // metres above chart datum, -10.00..30.00
	WaterLevelTrend Opt[uint8]   `json:"water_level_trend,omitzero"` // 0 steady, 1 decreasing, 2 increasing
	// Current speeds are in knots, 0.0..25.0 (25.1 means 25.1 kn or more);
	// directions in degrees; depths of currents 2 and 3 in whole metres.
	CurrentSpeed  Opt[float64] `json:"current_speed,omitzero"` // surface current
	CurrentDir    Opt[uint16]  `json:"current_dir,omitzero"`
	Current2Speed Opt[float64] `json:"current2_speed,omitzero"`
	Current2Dir   Opt[uint16]  `json:"current2_dir,omitzero"`
	Current2Depth Opt[uint8]   `json:"current2_depth,omitzero"`
	Current3Speed Opt[float64] `json:"current3_speed,omitzero"`
	Current3Dir   Opt[uint16]  `json:"current3_dir,omitzero"`
	Current3Depth Opt[uint8]   `json:"current3_depth,omitzero"`
	// Heights in metres, 0.0..25.0 (25.1 means 25.1 m or more); periods in
	// seconds; directions in degrees.
	WaveHeight  Opt[float64] `json:"wave_height,omitzero"` // significant wave height
	WavePeriod  Opt[uint8]   `json:"wave_period,omitzero"`
	WaveDir     Opt[uint16]  `json:"wave_dir,omitzero"`
	SwellHeight Opt[float64] `json:"swell_height,omitzero"`
	SwellPeriod Opt[uint8]   `json:"swell_period,omitzero"`
	SwellDir    Opt[uint16]  `json:"swell_dir,omitzero"`
	SeaState    Opt[uint8]   `json:"sea_state,omitzero"`  // Beaufort scale 0..12
	WaterTemp   Opt[float64] `json:"water_temp,omitzero"` // °C, -10.0..50.0
	// Precipitation is the WMO 306 code 4.201 type: 1 rain, 2 thunderstorm,
	// 3 freezing rain, 4 mixed/ice, 5 snow (0 and 6 are reserved).
	Precipitation Opt[uint8]   `json:"precipitation,omitzero"`
	Salinity      Opt[float64] `json:"salinity,omitzero"` // ‰, 0.0..50.0
	Ice           Opt[uint8]   `json:"ice,omitzero"`      // 0 no, 1 yes
}

func (a *MetHydro31) decode(b *bits, p int) {
	a.Lon = appCoord(b, p, 25, 181)
	a.Lat = appCoord(b, p+25, 24, 91)
	a.Accuracy = flagAt(b, p+49)
	a.Day = uintOpt[uint8](b, p+50, 5, 0)
	a.Hour = appUint[uint8](b, p+55, 5, 23)
	a.Minute = appUint[uint8](b, p+60, 6, 59)
	a.WindSpeed = appUint[uint8](b, p+66, 7, 126)
	a.WindGust = appUint[uint8](b, p+73, 7, 126)
	a.WindDir = appUint[uint16](b, p+80, 9, 359)
	a.WindGustDir = appUint[uint16](b, p+89, 9, 359)
	a.AirTemp = appSigned(b, p+98, 11, -600, 600, 10)
	a.Humidity = appUint[uint8](b, p+109, 7, 100)
	a.DewPoint = appSigned(b, p+116, 10, -200, 500, 10)
	a.Pressure = Opt[uint16]{}
	if v := appUint[uint16](b, p+126, 9, 402); v.OK {
		a.Pressure = Some(v.V + 799)
	}
	a.PressureTend = appUint[uint8](b, p+135, 2, 2)
	a.VisGreater = flagAt(b, p+137)
	a.Visibility = appScaled(b, p+138, 7, 126, 0, 10)
	a.WaterLevel = appScaled(b, p+145, 12, 4000, -1000, 100)
	a.WaterLevelTrend = appUint[uint8](b, p+157, 2, 2)
	a.CurrentSpeed = appScaled(b, p+159, 8, 251, 0, 10)
	a.CurrentDir = appUint[uint16](b, p+167, 9, 359)
	a.Current2Speed = appScaled(b, p+176, 8, 251, 0, 10)
	a.Current2Dir = appUint[uint16](b, p+184, 9, 359)
	a.Current2Depth = appUint[uint8](b, p+193, 5, 30)
	a.Current3Speed = appScaled(b, p+198, 8, 251, 0, 10)
	a.Current3Dir = appUint[uint16](b, p+206, 9, 359)
	a.Current3Depth = appUint[uint8](b, p+215, 5, 30)
	a.WaveHeight = appScaled(b, p+220, 8, 251, 0, 10)
	a.WavePeriod = appUint[uint8](b, p+228, 6, 60)
	a.WaveDir = appUint[uint16](b, p+234, 9, 359)
	a.SwellHeight = appScaled(b, p+243, 8, 251, 0, 10)
	a.SwellPeriod = appUint[uint8](b, p+251, 6, 60)
	a.SwellDir = appUint[uint16](b, p+257, 9, 359)
	a.SeaState = appUint[uint8](b, p+266, 4, 12)
	a.WaterTemp = appSigned(b, p+270, 10, -100, 500, 10)
	a.Precipitation = appUint[uint8](b, p+280, 3, 6)
	a.Salinity = appScaled(b, p+283, 9, 500, 0, 10)
	a.Ice = appUint[uint8](b, p+292, 2, 1)
	// 10 spare bits end the 304-bit application data.
}

// WriteFields implements Application.
func (a *MetHydro31) WriteFields(w FieldWriter) {
	writeFloat(w, "lon", a.Lon, decDegrees)
	writeFloat(w, "lat", a.Lat, decDegrees)
	w.Bool("accuracy", a.Accuracy)
	writeUint(w, "day", a.Day)
	writeUint(w, "hour", a.Hour)
	writeUint(w, "minute", a.Minute)
	writeUint(w, "wind_speed", a.WindSpeed)
	writeUint(w, "wind_gust", a.WindGust)
	writeUint(w, "wind_dir", a.WindDir)
	writeUint(w, "wind_gust_dir", a.WindGustDir)
	writeFloat(w, "air_temp", a.AirTemp, decTenths)
	writeUint(w, "humidity", a.Humidity)
	writeFloat(w, "dew_point", a.DewPoint, decTenths)
	writeUint(w, "pressure", a.Pressure)
	writeUint(w, "pressure_tend", a.PressureTend)
	w.Bool("vis_greater", a.VisGreater)
	writeFloat(w, "visibility", a.Visibility, decTenths)
	writeFloat(w, "water_level", a.WaterLevel, decHundredths)
	writeUint(w, "water_level_trend", a.WaterLevelTrend)
	writeFloat(w, "current_speed", a.CurrentSpeed, decTenths)
	writeUint(w, "current_dir", a.CurrentDir)
	writeFloat(w, "current2_speed", a.Current2Speed, decTenths)
	writeUint(w, "current2_dir", a.Current2Dir)
	writeUint(w, "current2_depth", a.Current2Depth)
	writeFloat(w, "current3_speed", a.Current3Speed, decTenths)
	writeUint(w, "current3_dir", a.Current3Dir)
	writeUint(w, "current3_depth", a.Current3Depth)
	writeFloat(w, "wave_height", a.WaveHeight, decTenths)
	writeUint(w, "wave_period", a.WavePeriod)
	writeUint(w, "wave_dir", a.WaveDir)
	writeFloat(w, "swell_height", a.SwellHeight, decTenths)
	writeUint(w, "swell_period", a.SwellPeriod)
	writeUint(w, "swell_dir", a.SwellDir)
	writeUint(w, "sea_state", a.SeaState)
	writeFloat(w, "water_temp", a.WaterTemp, decTenths)
	writeUint(w, "precipitation", a.Precipitation)
	writeFloat(w, "salinity", a.Salinity, decTenths)
	writeUint(w, "ice", a.Ice)
}

// MetHydro11 is the older meteorological and hydrological data application,
// DAC 1 FI 11 (IMO SN/Circ.236; 296 bits of application data, 352-bit
// message), superseded by FI 31 but still broadcast. It differs from FI 31
// in layout (latitude first, no accuracy bit) and in its encodings, which
// use offsets instead of signed values. Units as in MetHydro31; "not
// available" and out-of-range codes are absent.
type MetHydro11 struct {
	Lat    Opt[float64] `json:"lat,omitzero"` // resolution 1/1000 minute
	Lon    Opt[float64] `json:"lon,omitzero"`
	Day    Opt[uint8]   `json:"day,omitzero"`    // UTC day 1..31 of the observation
	Hour   Opt[uint8]   `json:"hour,omitzero"`   // 0..23
	Minute Opt[uint8]   `json:"minute,omitzero"` // 0..59
	// WindSpeed and WindGust are 10-minute average and maximum, in whole
	// knots, 0..126.
	WindSpeed    Opt[uint8]   `json:"wind_speed,omitzero"`
	WindGust     Opt[uint8]   `json:"wind_gust,omitzero"`
	WindDir      Opt[uint16]  `json:"wind_dir,omitzero"` // degrees, 0..359
	WindGustDir  Opt[uint16]  `json:"wind_gust_dir,omitzero"`
	AirTemp      Opt[float64] `json:"air_temp,omitzero"`  // dry bulb, °C, -60.0..60.0
	Humidity     Opt[uint8]   `json:"humidity,omitzero"`  // relative, per cent
	DewPoint     Opt[float64] `json:"dew_point,omitzero"` // °C, -20.0..50.0
	Pressure     Opt[uint16]  `json:"pressure,omitzero"`  // whole hPa, 800..1200
	PressureTend Opt[uint8]   `json:"pressure_tend,omitzero"`
	Visibility   Opt[float64] `json:"visibility,omitzero"`  // nautical miles, 0.0..25.0
	WaterLevel   Opt[float64] `json:"water_level,omitzero"` // metres above chart datum, -10.0..30.0
	// WaterLevelTrend: 0 steady, 1 decreasing, 2 increasing.
	WaterLevelTrend Opt[uint8]   `json:"water_level_trend,omitzero"`
	CurrentSpeed    Opt[float64] `json:"current_speed,omitzero"` // knots, 0.0..25.0
	CurrentDir      Opt[uint16]  `json:"current_dir,omitzero"`
	Current2Speed   Opt[float64] `json:"current2_speed,omitzero"`
	Current2Dir     Opt[uint16]  `json:"current2_dir,omitzero"`
	Current2Depth   Opt[uint8]   `json:"current2_depth,omitzero"` // metres, 0..30
	Current3Speed   Opt[float64] `json:"current3_speed,omitzero"`
	Current3Dir     Opt[uint16]  `json:"current3_dir,omitzero"`
	Current3Depth   Opt[uint8]   `json:"current3_depth,omitzero"`
	WaveHeight      Opt[float64] `json:"wave_height,omitzero"` // metres, 0.0..25.0
	WavePeriod      Opt[uint8]   `json:"wave_period,omitzero"` // seconds, 0..60
	WaveDir         Opt[uint16]  `json:"wave_dir,omitzero"`
	SwellHeight     Opt[float64] `json:"swell_height,omitzero"`
	SwellPeriod     Opt[uint8]   `json:"swell_period,omitzero"`
	SwellDir        Opt[uint16]  `json:"swell_dir,omitzero"`
	SeaState        Opt[uint8]   `json:"sea_state,omitzero"`  // Beaufort scale 0..12
	WaterTemp       Opt[float64] `json:"water_temp,omitzero"` // °C, -10.0..50.0
	// Precipitation is the WMO 306 code 4.201 type (see MetHydro31).
	Precipitation Opt[uint8]   `json:"precipitation,omitzero"`
	Salinity      Opt[float64] `json:"salinity,omitzero"` // ‰, 0.0..50.0
	Ice           Opt[uint8]   `json:"ice,omitzero"`      // 0 no, 1 yes
}

func (a *MetHydro11) decode(b *bits, p int) {
	a.Lat = appCoord(b, p, 24, 91)
	a.Lon = appCoord(b, p+24, 25, 181)
	a.Day = uintOpt[uint8](b, p+49, 5, 0)
	a.Hour = appUint[uint8](b, p+54, 5, 23)
	a.Minute = appUint[uint8](b, p+59, 6, 59)
	a.WindSpeed = appUint[uint8](b, p+65, 7, 126)
	a.WindGust = appUint[uint8](b, p+72, 7, 126)
	a.WindDir = appUint[uint16](b, p+79, 9, 359)
	a.WindGustDir = appUint[uint16](b, p+88, 9, 359)
	a.AirTemp = appScaled(b, p+97, 11, 1200, -600, 10)
	a.Humidity = appUint[uint8](b, p+108, 7, 100)
	a.DewPoint = appScaled(b, p+115, 10, 700, -200, 10)
	a.Pressure = Opt[uint16]{}
	if v := appUint[uint16](b, p+125, 9, 400); v.OK {
		a.Pressure = Some(v.V + 800)
	}
	a.PressureTend = appUint[uint8](b, p+134, 2, 2)
	a.Visibility = appScaled(b, p+136, 8, 250, 0, 10)
	a.WaterLevel = appScaled(b, p+144, 9, 400, -100, 10)
	a.WaterLevelTrend = appUint[uint8](b, p+153, 2, 2)
	a.CurrentSpeed = appScaled(b, p+155, 8, 250, 0, 10)
	a.CurrentDir = appUint[uint16](b, p+163, 9, 359)
	a.Current2Speed = appScaled(b, p+172, 8, 250, 0, 10)
	a.Current2Dir = appUint[uint16](b, p+180, 9, 359)
	a.Current2Depth = appUint[uint8](b, p+189, 5, 30)
	a.Current3Speed = appScaled(b, p+194, 8, 250, 0, 10)
	a.Current3Dir = appUint[uint16](b, p+202, 9, 359)
	a.Current3Depth = appUint[uint8](b, p+211, 5, 30)
	a.WaveHeight = appScaled(b, p+216, 8, 250, 0, 10)
	a.WavePeriod = appUint[uint8](b, p+224, 6, 60)
	a.WaveDir = appUint[uint16](b, p+230, 9, 359)
	a.SwellHeight = appScaled(b, p+239, 8, 250, 0, 10)
	a.SwellPeriod = appUint[uint8](b, p+247, 6, 60)
	a.SwellDir = appUint[uint16](b, p+253, 9, 359)
	a.SeaState = appUint[uint8](b, p+262, 4, 12)
	a.WaterTemp = appScaled(b, p+266, 10, 600, -100, 10)
	a.Precipitation = appUint[uint8](b, p+276, 3, 6)
	a.Salinity = appScaled(b, p+279, 9, 500, 0, 10)
	a.Ice = appUint[uint8](b, p+288, 2, 1)
	// 6 spare bits end the 296-bit application data.
}

// WriteFields implements Application.
func (a *MetHydro11) WriteFields(w FieldWriter) {
	writeFloat(w, "lat", a.Lat, decDegrees)
	writeFloat(w, "lon", a.Lon, decDegrees)
	writeUint(w, "day", a.Day)
	writeUint(w, "hour", a.Hour)
	writeUint(w, "minute", a.Minute)
	writeUint(w, "wind_speed", a.WindSpeed)
	writeUint(w, "wind_gust", a.WindGust)
	writeUint(w, "wind_dir", a.WindDir)
	writeUint(w, "wind_gust_dir", a.WindGustDir)
	writeFloat(w, "air_temp", a.AirTemp, decTenths)
	writeUint(w, "humidity", a.Humidity)
	writeFloat(w, "dew_point", a.DewPoint, decTenths)
	writeUint(w, "pressure", a.Pressure)
	writeUint(w, "pressure_tend", a.PressureTend)
	writeFloat(w, "visibility", a.Visibility, decTenths)
	writeFloat(w, "water_level", a.WaterLevel, decTenths)
	writeUint(w, "water_level_trend", a.WaterLevelTrend)
	writeFloat(w, "current_speed", a.CurrentSpeed, decTenths)
	writeUint(w, "current_dir", a.CurrentDir)
	writeFloat(w, "current2_speed", a.Current2Speed, decTenths)
	writeUint(w, "current2_dir", a.Current2Dir)
	writeUint(w, "current2_depth", a.Current2Depth)
	writeFloat(w, "current3_speed", a.Current3Speed, decTenths)
	writeUint(w, "current3_dir", a.Current3Dir)
	writeUint(w, "current3_depth", a.Current3Depth)
	writeFloat(w, "wave_height", a.WaveHeight, decTenths)
	writeUint(w, "wave_period", a.WavePeriod)
	writeUint(w, "wave_dir", a.WaveDir)
	writeFloat(w, "swell_height", a.SwellHeight, decTenths)
	writeUint(w, "swell_period", a.SwellPeriod)
	writeUint(w, "swell_dir", a.SwellDir)
	writeUint(w, "sea_state", a.SeaState)
	writeFloat(w, "water_temp", a.WaterTemp, decTenths)
	writeUint(w, "precipitation", a.Precipitation)
	writeFloat(w, "salinity", a.Salinity, decTenths)
	writeUint(w, "ice", a.Ice)
}

// InlandStatic is the inland ship static and voyage related data
// application, DAC 200 FI 10 (Inland AIS standard; 112 bits of application
// data, 168-bit message). Lengths in metres.
type InlandStatic struct {
	// ENI is the European vessel identification number, 8 characters;
	// "00000000" (not assigned) is absent.
	ENI     string       `json:"eni,omitempty"`
	Length  Opt[float64] `json:"length,omitzero"` // resolution 0.1 m; 0 is absent
	Beam    Opt[float64] `json:"beam,omitzero"`   // resolution 0.1 m; 0 is absent
	ERIType Opt[uint16]  `json:"eri_type,omitzero"`
	// Hazard is the number of blue cones or lights, 0..3, or 4 for the
	// B-flag; 5 (unknown, the default) is absent.
	Hazard  Opt[uint8]   `json:"hazard,omitzero"`
	Draught Opt[float64] `json:"draught,omitzero"` // resolution 0.01 m; 0 (unknown) is absent
	// Loaded is 1 for loaded and 2 for unloaded; 0 (not available) is
	// absent.
	Loaded Opt[uint8] `json:"loaded,omitzero"`
	// Quality of the speed, course and heading information: true high,
	// false low or GNSS-derived.
	SpeedQuality   bool `json:"speed_quality"`
	CourseQuality  bool `json:"course_quality"`
	HeadingQuality bool `json:"heading_quality"`
}

func (a *InlandStatic) decode(b *bits, d *Decoder, p int) {
	a.ENI = d.textAt(b, p, 8)
	if a.ENI == "00000000" {
		a.ENI = ""
	}
	a.Length = tenths(b, p+48, 13, 0)
	a.Beam = tenths(b, p+61, 10, 0)
	a.ERIType = uintOpt[uint16](b, p+71, 14, 0)
	a.Hazard = appUint[uint8](b, p+85, 3, 4)
	a.Draught = appScaled(b, p+88, 11, 1<<11, 0, 100)
	if a.Draught.OK && a.Draught.V == 0 {
		a.Draught = Opt[float64]{}
	}
	a.Loaded = Opt[uint8]{}
	if v := appUint[uint8](b, p+99, 2, 2); v.OK && v.V != 0 {
		a.Loaded = v
	}
	a.SpeedQuality = flagAt(b, p+101)
	a.CourseQuality = flagAt(b, p+102)
	a.HeadingQuality = flagAt(b, p+103)
	// 8 spare bits end the 112-bit application data.
}

// WriteFields implements Application.
func (a *InlandStatic) WriteFields(w FieldWriter) {
	writeString(w, "eni", a.ENI)
	writeFloat(w, "length", a.Length, decTenths)
	writeFloat(w, "beam", a.Beam, decTenths)
	writeUint(w, "eri_type", a.ERIType)
	writeUint(w, "hazard", a.Hazard)
	writeFloat(w, "draught", a.Draught, decHundredths)
	writeUint(w, "loaded", a.Loaded)
	w.Bool("speed_quality", a.SpeedQuality)
	w.Bool("course_quality", a.CourseQuality)
	w.Bool("heading_quality", a.HeadingQuality)
}
