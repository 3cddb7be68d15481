// The other engines surveyors carry (issue 15, item 14): Firefox ESR and WebKitGTK (Safari's
// engine), each driven over WebDriver in as narrow a window as it allows. The journey of the offline promise: load, add a
// village through the form, reload, stop the server, reload: the village is still there. And what
// went wrong only there: the wasm downloaded more than once on a first visit (WebKit), a CSP
// directive the engine does not know (WebKit), the overview's date filters cutting the year
// (Firefox, checked in a 360 px frame).
//
//   trunk build --release && node --test tests/engines/
//
// A missing browser or driver fails the test (scripts/ensure-tools.sh --test installs them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, artifactPath, copyOfDist, launch, phone, waitForServiceWorker } from '../e2e/support.mjs';
import { ELEMENT, ENGINES, miniBrowser, startSession, which } from './webdriver.mjs';

/** scripts/serve.py on `dir`, with every request it answers kept in `requests` ("GET /x 200"). */
function serveLogged(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(ROOT, 'scripts', 'serve.py'), '--port', '0', '--log-requests', dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const requests = [];
    let out = '';
    let url = null;
    child.on('error', reject);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop();
      for (const line of lines) {
        const m = line.match(/^request: (.*)$/);
        if (m) requests.push(m[1]);
        const s = line.match(/Serving qianshou at (http:\/\/\S+)/);
        if (s && !url) {
          url = s[1].replace(/\/$/, '');
          resolve({
            url,
            requests,
            stop: () =>
              new Promise((done) => {
                if (child.exitCode !== null || child.signalCode !== null) return done();
                child.once('exit', () => done());
                child.kill('SIGTERM');
              }),
          });
        }
      }
    });
    child.on('exit', (code) => url || reject(new Error(`server exited early (${code})`)));
  });
}

const NAME = '马埂村';
const xpathText = (s) => `'${s}'`; // the strings used here have no quote
const NEW_VILLAGE = `//button[contains(normalize-space(.), ${xpathText('新增村庄')})]`;
const NAME_FIELD = `//input[@id = //label[normalize-space(.) = ${xpathText('村名')}]/@for]`;
const LIST_ROW = `//li[.//*[normalize-space(text()) = ${xpathText(NAME)}]]`;

/**
 * Reloads as the page's reload button does. (WebDriver's refresh in Firefox is a reload that
 * bypasses the cache and the service worker, which no person does.)
 */
async function reloadAsAPersonDoes(session) {
  await session.execute(() => {
    window.qianshouBeforeReload = true;
    setTimeout(() => location.reload(), 0);
  });
  await session.waitFor(() => document.readyState === 'complete' && !window.qianshouBeforeReload, 'the reload');
}

/** Lines of the browser's console output that are about the Content-Security-Policy. */
function cspMessages(output) {
  return output.split('\n').filter((l) => /Content-Security-Policy|manifest-src/i.test(l));
}

for (const engine of Object.keys(ENGINES)) {
  const label = ENGINES[engine].label;

  test(`${label}: a village added offline-ready survives a reload and a reload with the server stopped`, async () => {
    const server = await serveLogged(copyOfDist());
    let session;
    try {
      session = await startSession(engine);
      // As narrow as the engine's window goes (Firefox 500 px, WebKitGTK's MiniBrowser 447 px).
      await session.setWindow(360, 740);
      await session.goto(server.url + '/villages');
      await session.waitFor(
        () => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
        'the service worker to control the page',
      );
      // Anything the policy blocks from here on (Firefox prints no console message the test can read).
      await session.execute(() => {
        window.qianshouViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.qianshouViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const width = await session.execute(() => window.innerWidth);
      assert.ok(width <= 500, `a narrow window (${width} px wide)`);

      await session.click(await session.find(NEW_VILLAGE));
      const field = await session.find(NAME_FIELD);
      await session.click(field);
      await session.type(field, NAME);
      await session.waitFor(
        (name) =>
          Object.keys(localStorage).some(
            (k) => k.startsWith('qianshou/village/') && JSON.parse(localStorage.getItem(k)).name === name,
          ),
        'the village to be stored',
        NAME,
      );

      assert.deepEqual(await session.execute(() => window.qianshouViolations), [], 'the CSP blocked nothing');

      // A reload: the form comes back with the name typed.
      await reloadAsAPersonDoes(session);
      const again = await session.find(NAME_FIELD);
      assert.equal(await session.property(again, 'value'), NAME);

      // The list has it, and with the server stopped a reload still opens the app and the village.
      await session.goto(server.url + '/villages');
      await session.find(LIST_ROW);
      await server.stop();
      await reloadAsAPersonDoes(session);
      await session.find(LIST_ROW);
      assert.ok(
        await session.execute(() => document.querySelectorAll('nav').length > 0),
        'the app shell, from the service worker',
      );

      // The wasm was downloaded once in all this: by the loader, whose copy the service worker's
      // install took (before, WebKit downloaded it three times: preload, fetch, precache).
      const wasm = server.requests.filter((r) => /\.wasm \d+$/.test(r));
      assert.deepEqual(
        wasm.filter((r) => / 200$/.test(r)).length,
        1,
        `one download of the wasm, got: ${wasm.join('; ')}`,
      );
    } finally {
      if (session) {
        await session.quit().catch(() => {});
        // The driver's and the browser's output, kept for a failure's reader.
        writeFileSync(artifactPath(`engines-${engine}-output.log`), session.output());
      }
      await server.stop();
    }
  });
}

// What looked wrong only in these engines (tests/e2e/field.test.mjs checks the same in Chromium):
// the radios on the data and settings screens sat above their bold labels, and the overview's
// amount read "-0" with no amount.
for (const engine of Object.keys(ENGINES)) {
  const label = ENGINES[engine].label;

  test(`${label}: radios sit beside their labels, and no amount reads 0, not -0`, async () => {
    const server = await serveLogged(copyOfDist());
    let session;
    try {
      session = await startSession(engine);
      await session.setWindow(360, 740);
      for (const path of ['/settings', '/data']) {
        await session.goto(server.url + path);
        await session.find('//input[@type="radio"]');
        const radios = await session.execute(() =>
          [...document.querySelectorAll('input[type="radio"]')].map((r) => {
            const box = r.getBoundingClientRect();
            const text = r.closest('label').querySelector('span').getBoundingClientRect();
            const style = getComputedStyle(r.closest('label'));
            return {
              box: [box.top, box.bottom, box.left, box.right],
              text: [text.top, text.bottom, text.left, text.right],
              style: `${style.display} ${style.fontWeight}`,
            };
          }),
        );
        assert.ok(radios.length >= 2, `${path} has radios`);
        for (const { box, text, style } of radios) {
          const where = `${path}: ${JSON.stringify({ box, text })}`;
          // What put it above its label: the label laid out as a bold block (`.field > label`)
          // instead of the choice's row; a short label can still happen to share the line.
          assert.equal(style, 'flex 400', `${path}: the choice's own layout`);
          assert.ok(box[1] > text[0] && box[0] < text[1], `the radio is on its label's line, ${where}`);
          assert.ok(box[3] <= text[2], `and before its text, ${where}`);
        }
      }
      await session.goto(server.url + '/dashboard');
      const amount = await session.find(`//*[@role="group"][@aria-label=${xpathText('投入金额（万元）')}]//*[contains(@class, "figure-value")]`);
      assert.equal((await session.property(amount, 'textContent')).trim(), '0');
    } finally {
      await session?.quit().catch(() => {});
      await server.stop();
    }
  });
}

// The same count in Chromium (Playwright), where the preload was used: still one download.
test('Chromium: a first visit downloads the wasm once, the service worker\'s copy included', async () => {
  const server = await serveLogged(copyOfDist());
  const browser = await launch();
  try {
    const page = await (await phone(browser)).newPage();
    await page.goto(server.url + '/villages');
    await waitForServiceWorker(page);
    const wasm = server.requests.filter((r) => /\.wasm \d+$/.test(r));
    assert.equal(wasm.filter((r) => / 200$/.test(r)).length, 1, wasm.join('; '));
  } finally {
    await browser.close();
    await server.stop();
  }
});

// WebKitWebDriver drops the browser's console, so MiniBrowser runs on its own here, printing its
// console: a page with the build's exact policy, then a script whose message says all before it
// has been printed (one web process, one ordered channel). WebKitGTK 2.50 said "Unrecognized
// Content-Security-Policy directive 'manifest-src'" for the policy with that directive.
test('WebKitGTK: the build\'s Content-Security-Policy makes no console message', async () => {
  const dir = copyOfDist();
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0];
  writeFileSync(join(dir, 'probe.html'), `<!DOCTYPE html>${meta}<script src="/probe.js"></script>\n`);
  writeFileSync(join(dir, 'probe.js'), "console.log('qianshou-probe-done');\n");
  assert.ok(which('xvfb-run'), 'xvfb-run is installed (scripts/ensure-tools.sh --test)');
  const server = await serveLogged(dir);
  const browser = spawn(
    'xvfb-run',
    ['--auto-servernum', '--server-args=-screen 0 800x600x24 -nolisten tcp', miniBrowser(),
      '--enable-write-console-messages-to-stdout=true', server.url + '/probe.html'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  browser.stdout.on('data', (c) => (output += c));
  browser.stderr.on('data', (c) => (output += c));
  try {
    for (let i = 0; i < 600 && !output.includes('qianshou-probe-done'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(output, /qianshou-probe-done/, 'the probe page ran');
    assert.deepEqual(cspMessages(output), []);
  } finally {
    try {
      process.kill(-browser.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    await server.stop();
  }
});

// Firefox's date box is wider than Chromium's: two filters on one line cut the year at 360 px.
// Firefox keeps a window at least 500 px wide, so the app is shown in a 360 px frame (its own
// viewport: the same media queries and widths as a 360 px phone).
test('Firefox ESR: the overview\'s date filters show the whole date at 360 px', async () => {
  const dir = copyOfDist();
  writeFileSync(
    join(dir, 'frame-360.html'),
    '<!DOCTYPE html><meta charset="utf-8"><title>360</title><style>body{margin:0}</style>' +
      '<iframe src="/dashboard" style="width:360px;height:740px;border:0"></iframe>\n',
  );
  const server = await serveLogged(dir);
  let session;
  try {
    session = await startSession('firefox');
    await session.goto(server.url + '/frame-360.html');
    const frame = await session.find('//iframe');
    await session.cmd('POST', '/frame', { id: { [ELEMENT]: frame } });
    await session.find('//input[@id="dash-to"]');
    const sizes = await session.execute(() => {
      for (const id of ['dash-from', 'dash-to']) document.getElementById(id).value = '2026-11-25';
      return [window.innerWidth].concat(
        ['dash-from', 'dash-to'].map((id) => {
          const input = document.getElementById(id);
          // The width the engine wants for the whole date: the same input left to its own size.
          const probe = input.cloneNode();
          probe.removeAttribute('id');
          probe.value = input.value;
          probe.style.cssText = 'width: auto; min-width: 0; max-width: none; position: absolute; visibility: hidden;';
          document.body.appendChild(probe);
          const wanted = probe.getBoundingClientRect().width;
          probe.remove();
          return { id, has: input.getBoundingClientRect().width, wanted, scroll: input.scrollWidth, client: input.clientWidth };
        }),
      );
    });
    const [viewport, ...inputs] = sizes;
    assert.equal(viewport, 360);
    await session.cmd('POST', '/frame/parent', {});
    writeFileSync(artifactPath('engines-firefox-dashboard-360.png'), await session.elementScreenshot(frame));
    for (const s of inputs) {
      assert.ok(s.has + 0.5 >= s.wanted, `${s.id} is ${s.has} px wide, the whole date needs ${s.wanted} px`);
      assert.ok(s.scroll <= s.client, `${s.id} does not scroll (${s.scroll} > ${s.client})`);
    }
  } finally {
    await session?.quit().catch(() => {});
    await server.stop();
  }
});
