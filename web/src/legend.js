// legend: what the vessel colours and shapes mean, and the plain statement
// of how much of what is shown is simulated.
import {h, fill, $} from './dom.js';
import {CATEGORIES} from './shiptypes.js';

export function renderLegend() {
  fill($('legend'),
    h('ul', null, CATEGORIES.map(([, label, color]) => h('li', null, h('span', {class: 'sw', style: `background:${color}`}), label))),
    h('p', null, '▲ points along the course; ● no course reported.'),
    h('p', null, h('span', {class: 'sw hollow'}), ' Hollow = SIMULATED traffic (not real AIS).'),
  );
}

/** renderStatus says how many vessels are shown, how many simulated, and the time shown. */
export function renderStatus({shown, total, truncated, simulated, mode, time}) {
  const parts = [`${shown} vessels`];
  if (truncated) parts.push(`(of ${total}; zoom in for all)`);
  const el = $('status');
  fill(el, mode === 'live' ? 'Live: ' : `At ${time}: `, parts.join(' '),
    simulated ? h('span', {class: 'sim'}, ` — ${simulated} SIMULATED`) : '');
}
