// Benchmark of the app shell (not a test): bytes on the wire and time to interactive.
//
//   node bench/shell.mjs [DIST]       (bench/run.sh shell builds first)
//
// Sizes: raw, gzip -9 and brotli q11 of the wasm, js, css and html of the build.
// Time: navigation start to the moment the app has mounted (the bottom navigation exists), in
// headless Chromium at 360 px with 4x CPU throttling; "cold" is a first visit with empty caches,
// "repeat offline" a new tab after the service worker took over and the server was stopped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { serve, launch, phone, copyOfDist, waitForServiceWorker, DIST } from '../tests/e2e/support.mjs';

const RUNS = Number(process.env.RUNS || 5);
const dist = process.argv[2] || DIST;

function sizes() {
  const rows = {};
  for (const name of readdirSync(dist)) {
    const path = join(dist, name);
    if (!statSync(path).isFile()) continue;
    const kind = { '.wasm': 'wasm', '.js': 'js', '.css': 'css', '.html': 'html' }[extname(name)];
    if (!kind) continue;
    const bytes = readFileSync(path);
    const row = (rows[kind] ||= { raw: 0, gzip: 0, brotli: 0 });
    row.raw += bytes.length;
    row.gzip += gzipSync(bytes, { level: 9 }).length;
    row.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return rows;
}

// Injected before any page script: notes the time the app first renders its navigation.
const MARK_MOUNT = () => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('nav.bottom-nav')) {
      window.__mountedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function timeToInteractive(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url);
  await page.waitForFunction(() => window.__mountedAt !== undefined, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => window.__mountedAt);
  return { page, ms };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timings() {
  const browser = await launch();
  const cold = [];
  const repeat = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const server = await serve(copyOfDist());
      const context = await phone(browser);
      await context.addInitScript(MARK_MOUNT);
      const first = await timeToInteractive(context, server.url + '/villages');
      cold.push(first.ms);
      await waitForServiceWorker(first.page);
      await server.stop();
      const again = await timeToInteractive(context, server.url + '/villages');
      repeat.push(again.ms);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { cold, repeat };
}

const kb = (n) => (n / 1024).toFixed(1);
const s = sizes();
const total = Object.values(s).reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log('| file | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|');
for (const [kind, r] of Object.entries(s)) console.log(`| ${kind} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
console.log(`| **total** | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`);
const t = await timings();
console.log(`\n| start (4x CPU throttling, 360 px, ${RUNS} runs) | median ms | min | max |\n|---|---:|---:|---:|`);
for (const [name, xs] of [['cold, first visit', t.cold], ['repeat, offline', t.repeat]]) {
  console.log(`| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`);
}
