// Shared pieces of the end-to-end suite: a static server the test can stop, Debian's Chromium,
// a log of every request, and the axe accessibility scan.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
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
