// Shared pieces of the end-to-end suite: a static server the test can stop, Debian's Chromium,
// a log of every request, and the axe accessibility scan.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// QIANSHOU_DIST tests another build (an older one, to see a test fail before its fix).
export const DIST = process.env.QIANSHOU_DIST || join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-results');

/** A private copy of the release build, so a test may change it (a "new version"). */
export function copyOfDist() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('dist/ is missing: run `trunk build --release` first (scripts/test.sh does)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'qianshou-e2e-'));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Starts scripts/serve.py on `dir` (a free port unless given); resolves to { url, stop }. */
export function serve(dir, port = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(ROOT, 'scripts', 'serve.py'), '--port', String(port), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/Serving qianshou at (http:\/\/[^\s]+)/);
      if (m) {
        const url = m[1].replace(/\/$/, '');
        const stop = () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          });
        resolve({ url, port: Number(new URL(url).port), stop });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** A phone-sized context: 360 px wide, touch, Chinese locale. */
export function phone(browser, options = {}) {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...options,
  });
}

/**
 * Records every request the context makes (pages and service worker) and every console error,
 * so a test can assert that nothing left the app's own origin and that the CSP blocked nothing.
 */
export function watch(context) {
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const onPage = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return {
    requests,
    errors,
    foreign(origin) {
      return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
    },
  };
}

/** Waits until a service worker controls the page. */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 30_000,
  });
}

/** A port free now, so that a server can be stopped and started again at the same origin. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The URLs of every request in the page's Cache Storage (every cache). */
export function cachedUrls(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe on the page; returns the serious and critical violations. */
export async function seriousViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not block it.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fills local storage to the last few characters under `filler/` keys, as another app's data would. */
export function fillStorage(page) {
  return page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let i = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler/${i++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
}

export function artifactPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/**
 * Runs `fn({ server, browser, dir })` with a static server on a fresh copy of the build and a
 * browser, and stops both afterwards whatever happens.
 */
export async function withApp(fn) {
  const dir = copyOfDist();
  const server = await serve(dir);
  const browser = await launch();
  try {
    return await fn({ server, browser, dir });
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * Every control on the page smaller than `min` × `min` CSS px (WCAG 2.5.5's 44 px), described by
 * its name and size. A checkbox, radio or file input counts by the label that is its target.
 */
export function smallTargets(page, min = 44) {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';
    const seen = new Set();
    const small = [];
    for (const el of document.querySelectorAll(selector)) {
      let target = el;
      if (el.matches('input[type="checkbox"], input[type="radio"], input[type="file"]')) {
        target = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      const r = target.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered (display: none)
      if (getComputedStyle(target).visibility === 'hidden') continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) {
        const name = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || target.textContent || el.type || '').trim().slice(0, 30);
        small.push(`<${el.tagName.toLowerCase()}> "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return small;
  }, min);
}

/**
 * Labels of the bottom navigation that do not fit their destination on one line with a little
 * room on each side, so that neighbours would read as one ("MatchesOverview") or a word is cut.
 */
export function crowdedNavigation(page, room = 2) {
  return page.evaluate((room) => {
    const crowded = [];
    for (const link of document.querySelectorAll('nav a')) {
      const box = link.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(link.querySelector('span') || link);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) {
        crowded.push(`"${link.textContent.trim()}": broken over ${lines.size} lines`);
        continue;
      }
      for (const r of range.getClientRects()) {
        if (r.width === 0) continue;
        if (r.left < box.left + room || r.right > box.right - room) {
          crowded.push(`"${link.textContent.trim()}": text ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)}`);
          break;
        }
      }
    }
    return crowded;
  }, room);
}
