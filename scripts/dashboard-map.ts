/**
 * Builds api/dashboard/eea-map.json, the map the supervisors' dashboard colours by rating: one SVG
 * path per EEA country, the neighbours as one grey context path, and per country a point well
 * inside it (where a label, a hover or a test's pixel probe can go). Run at development time
 * (`npm run dashboard:map`) and committed, so neither the API nor the browser downloads anything.
 *
 * Source: Natural Earth 1:50m through the world-atlas package (TopoJSON, ISO 3166 numeric ids).
 * Projection: Lambert azimuthal equal-area centred on 10°E 52°N, the projection of the EU's
 * ETRS89-LAEA grid (EPSG:3035), so countries are compared at their true relative size.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { geoAzimuthalEqualArea, geoCentroid, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const OUT = fileURLToPath(new URL('../api/dashboard/eea-map.json', import.meta.url));
const WIDTH = 1000;
const PAD = 10;
/** Mainland Europe with Iceland and Cyprus; drops overseas parts (French Guiana, Réunion, Canaries, Azores, Svalbard). */
const BOX = { west: -25, east: 45, south: 34, north: 71.5 };
/** Countries smaller than this many square units of the viewBox get a round marker to be seen and hovered. */
const MARKER_BELOW_AREA = 400;
const MARKER_RADIUS = 7;

/**
 * The 30 EEA countries by the codes Liaison stores (ISO 3166 alpha-2, so Greece is GR, not the EU's
 * EL; the dashboard accepts both) and the ISO numeric codes world-atlas uses as ids.
 */
const EEA_COUNTRIES = Object.entries({
  AT: ['040', 'Austria'], BE: ['056', 'Belgium'], BG: ['100', 'Bulgaria'], HR: ['191', 'Croatia'], CY: ['196', 'Cyprus'],
  CZ: ['203', 'Czechia'], DK: ['208', 'Denmark'], EE: ['233', 'Estonia'], FI: ['246', 'Finland'], FR: ['250', 'France'],
  DE: ['276', 'Germany'], GR: ['300', 'Greece'], HU: ['348', 'Hungary'], IS: ['352', 'Iceland'], IE: ['372', 'Ireland'],
  IT: ['380', 'Italy'], LV: ['428', 'Latvia'], LI: ['438', 'Liechtenstein'], LT: ['440', 'Lithuania'],
  LU: ['442', 'Luxembourg'], MT: ['470', 'Malta'], NL: ['528', 'Netherlands'], NO: ['578', 'Norway'], PL: ['616', 'Poland'],
  PT: ['620', 'Portugal'], RO: ['642', 'Romania'], SK: ['703', 'Slovakia'], SI: ['705', 'Slovenia'], ES: ['724', 'Spain'],
  SE: ['752', 'Sweden'],
}).map(([code, [numeric, name]]) => ({ code, numeric, name }));

type Shape = Feature<Polygon | MultiPolygon, { name: string }>;

/** The parts of a country inside BOX, so the fit and the drawing are about Europe only. */
function europeanParts(f: Shape): Shape {
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = polygons.filter((rings) => {
    const [lon, lat] = geoCentroid({ type: 'Polygon', coordinates: rings });
    return lon >= BOX.west && lon <= BOX.east && lat >= BOX.south && lat <= BOX.north;
  });
  return { ...f, geometry: { type: 'MultiPolygon', coordinates: kept } };
}

const inRing = ([x, y]: Position, ring: Position[]) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

const segmentDistance = ([x, y]: Position, [ax, ay]: Position, [bx, by]: Position) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = dx || dy ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) : 0;
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
};

/**
 * The point of the largest polygon farthest from its edges (a grid search refined three times):
 * unlike the centroid it is inside concave shapes such as Croatia or Norway.
 */
function innerPoint(rings: Position[][]): Position {
  const outer = rings[0];
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  let best: Position = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  let bestDistance = -1;
  let span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  for (let round = 0; round < 4; round++, span /= 6) {
    const [cx, cy] = best;
    for (let i = -20; i <= 20; i++) {
      for (let j = -20; j <= 20; j++) {
        const p: Position = [cx + (i * span) / 40, cy + (j * span) / 40];
        if (!inRing(p, outer) || rings.slice(1).some((hole) => inRing(p, hole))) continue;
        let d = Infinity;
        for (const ring of rings) for (let k = 1; k < ring.length; k++) d = Math.min(d, segmentDistance(p, ring[k - 1], ring[k]));
        if (d > bestDistance) [best, bestDistance] = [p, d];
      }
    }
  }
  return best;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function build() {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const world = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const byNumeric = new Map(world.features.map((f) => [String(f.id), f]));
  const eea = EEA_COUNTRIES.map((c) => {
    const f = byNumeric.get(c.numeric);
    if (!f) throw new Error(`world-atlas has no country ${c.numeric} (${c.code})`);
    return { ...c, shape: europeanParts(f) };
  });

  const projection = geoAzimuthalEqualArea()
    .rotate([-10, -52])
    .fitWidth(WIDTH - 2 * PAD, { type: 'FeatureCollection', features: eea.map((c) => c.shape) });
  const [[, y0], [, y1]] = geoPath(projection).bounds({ type: 'FeatureCollection', features: eea.map((c) => c.shape) });
  const height = Math.ceil(y1 - y0 + 2 * PAD);
  const [tx, ty] = projection.translate();
  projection.translate([tx + PAD, ty - y0 + PAD]).clipExtent([
    [0, 0],
    [WIDTH, height],
  ]);
  const path = geoPath(projection).digits(1);

  const countries: Record<string, { name: string; d: string; label: [number, number]; marker?: number }> = {};
  for (const c of eea) {
    const projected = c.shape.geometry.coordinates.map((rings) => rings.map((ring) => ring.map((p) => projection(p as [number, number])!)));
    const largest = projected.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
    const [x, y] = innerPoint(largest);
    const small = path.area(c.shape) < MARKER_BELOW_AREA;
    countries[c.code] = { name: c.name, d: path(c.shape)!, label: [round1(x), round1(y)], ...(small ? { marker: MARKER_RADIUS } : {}) };
  }
  const eeaNumeric = new Set(EEA_COUNTRIES.map((c) => c.numeric));
  const neighbours = world.features.filter((f) => !eeaNumeric.has(String(f.id)));
  const context = path({ type: 'FeatureCollection', features: neighbours }) ?? '';
  return {
    source: 'Natural Earth 1:50m (world-atlas); Lambert azimuthal equal-area centred on 10°E 52°N (as EPSG:3035)',
    viewBox: [0, 0, WIDTH, height],
    context,
    countries,
  };
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(a / 2);
}

const map = build();
writeFileSync(OUT, JSON.stringify(map) + '\n');
console.log(`${OUT}: ${Object.keys(map.countries).length} countries, ${(JSON.stringify(map).length / 1024).toFixed(0)} KiB`);
