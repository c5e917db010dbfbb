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
