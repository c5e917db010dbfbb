// shiptypes: the ship type categories (sitrep.ShipType.Category) and the
// colour each is drawn in. Colours are distinguishable on the water-blue
// basemap and keep 3:1 contrast against it.

export const CATEGORIES = [
  ['cargo', 'Cargo', '#2e9e44'],
  ['tanker', 'Tanker', '#d62728'],
  ['passenger', 'Passenger', '#1f5fd6'],
  ['fishing', 'Fishing', '#e3a21a'],
  ['military', 'Military', '#111111'],
  ['tug', 'Tug / pilot', '#8c564b'],
  ['high-speed', 'High-speed', '#e377c2'],
  ['pleasure', 'Pleasure', '#9467bd'],
  ['sar', 'Search and rescue', '#ff7f0e'],
  ['wig', 'Wing in ground', '#17becf'],
  ['other', 'Other', '#5a6b7b'],
  ['unknown', 'Unknown type', '#a0a0a0'],
];

const index = new Map(CATEGORIES.map(([k], i) => [k, i]));

/** categoryIndex returns the CATEGORIES index of a LiveVessel's type_name. */
export function categoryIndex(typeName) {
  const i = index.get(typeName || 'unknown');
  return i === undefined ? index.get('other') : i;
}

export const COLORS = CATEGORIES.map((c) => c[2]);

/** categoryOf returns the category of an AIS ship type number (as sitrep.ShipType.Category). */
export function categoryOf(t) {
  if (t >= 20 && t <= 29) return 'wig';
  if (t === 30) return 'fishing';
  if (t === 31 || t === 32 || t === 52) return 'tug';
  if (t === 35) return 'military';
  if (t === 36 || t === 37) return 'pleasure';
  if (t >= 40 && t <= 49) return 'high-speed';
  if (t === 51) return 'sar';
  if (t >= 60 && t <= 69) return 'passenger';
  if (t >= 70 && t <= 79) return 'cargo';
  if (t >= 80 && t <= 89) return 'tanker';
  if ((t >= 33 && t <= 34) || (t >= 50 && t <= 59) || (t >= 90 && t <= 99)) return 'other';
  return 'unknown';
}
