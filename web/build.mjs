// build.mjs: bundles the UI into dist/ (served by `sitrep serve`, embedded
// by package web). No CDN: Leaflet, topojson-client and the Natural Earth
// basemap are all copied in.
import * as esbuild from 'esbuild';
import {cpSync, mkdirSync, rmSync, writeFileSync, existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
// Natural Earth via world-atlas: /work/shared/data in this workspace, or BASEMAP_DIR.
const basemapDir = process.env.BASEMAP_DIR || '/work/shared/data/natural-earth-world-atlas';

rmSync(dist, {recursive: true, force: true});
mkdirSync(join(dist, 'basemap'), {recursive: true});
writeFileSync(join(dist, '.keep'), '');

await esbuild.build({
  entryPoints: {app: join(here, 'src/main.js')},
  bundle: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: false,
  outdir: dist,
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: {app: join(here, 'src/app.css')},
  bundle: true,
  minify: true,
  outdir: dist,
  loader: {'.png': 'file', '.svg': 'file'},
  assetNames: 'img/[name]-[hash]',
  logLevel: 'warning',
});
cpSync(join(here, 'public'), dist, {recursive: true});
for (const f of ['land-110m.json', 'land-50m.json', 'countries-50m.json', 'LICENSE-world-atlas.txt']) {
  const src = join(basemapDir, f);
  if (!existsSync(src)) throw new Error(`basemap file ${src} missing (set BASEMAP_DIR to the world-atlas folder)`);
  cpSync(src, join(dist, 'basemap', f));
}
console.log('web: built', dist);
