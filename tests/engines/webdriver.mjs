// A small W3C WebDriver client over HTTP (node's fetch), for the engines Playwright does not drive
// here: Firefox ESR through geckodriver (crates.io) and WebKitGTK through WebKitWebDriver (Debian).
// No npm dependency: the protocol is a handful of JSON requests.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '../e2e/support.mjs';

/** The path of `name` on PATH, or null. */
export function which(name) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** WebKitGTK's MiniBrowser: Debian's place, or Fedora's and Arch's. */
export function miniBrowser() {
  const candidates = ['/usr/lib', '/usr/libexec', '/usr/lib64'].flatMap((root) => {
    const dirs = [root, ...(existsSync(root) ? readdirSync(root).map((d) => join(root, d)) : [])];
    return dirs.flatMap((d) => ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0'].map((v) => join(d, v, 'MiniBrowser')));
  });
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('WebKitGTK: MiniBrowser not found; run scripts/ensure-tools.sh --test');
  return found;
}

/**
 * A script that starts MiniBrowser with its output in `scratch`/browser.log: WebKitWebDriver
 * drops the browser's own output, and the console messages are there.
 */
function miniBrowserLogged(scratch) {
  const script = join(scratch, 'minibrowser');
  const log = join(scratch, 'browser.log');
  writeFileSync(script, `#!/bin/sh\nexec '${miniBrowser()}' "$@" >>'${log}' 2>&1\n`);
  chmodSync(script, 0o755);
  return script;
}

/**
 * The two engines: how to start each driver and what to ask it for. A missing browser or driver
 * is an error that names the install step, never a skip: CI must run both.
 */
export const ENGINES = {
  firefox: {
    label: 'Firefox ESR',
    programs: ['geckodriver', 'firefox-esr'],
    command: (port) => ['geckodriver', ['--port', String(port), '--host', '127.0.0.1']],
    capabilities: () => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: which('firefox-esr'),
        args: ['-headless'],
      },
    }),
  },
  webkit: {
    label: 'WebKitGTK',
    // WebKitGTK 2.50 has no headless mode of its own (only WPE has): it runs on a virtual X server.
    programs: ['WebKitWebDriver', 'xvfb-run'],
    command: (port) => [
      'xvfb-run',
      ['--auto-servernum', '--server-args=-screen 0 1280x1024x24 -nolisten tcp', 'WebKitWebDriver', `--port=${port}`],
    ],
    capabilities: (scratch) => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: miniBrowserLogged(scratch),
        // MiniBrowser takes every WebKitSettings property as an option: console messages (the
        // CSP's among them) go to its output.
        args: ['--automation', '--enable-write-console-messages-to-stdout=true'],
      },
    }),
  },
};

/**
 * Starts the engine's driver on a free port and opens a session. Resolves to a Session whose
 * `output()` is everything the driver and its browser printed so far.
 */
export async function startSession(engineName) {
  const engine = ENGINES[engineName];
  const missing = engine.programs.filter((p) => !which(p));
  if (missing.length) {
    throw new Error(`${engine.label}: ${missing.join(', ')} not found on PATH; run scripts/ensure-tools.sh --test`);
  }
  const scratch = mkdtempSync(join(tmpdir(), `qianshou-${engineName}-`));
  const browserLog = join(scratch, 'browser.log');
  const port = await freePort();
  const [cmd, args] = engine.command(port);
  // Its own process group, so that stopping it also stops the browser and the X server it started.
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  let kept = null;
  const allOutput = () => kept ?? output + (existsSync(browserLog) ? readFileSync(browserLog, 'utf8') : '');
  // Stops the driver, keeps what was printed, removes the scratch folder.
  const stop = () => {
    kill();
    kept = allOutput();
    rmSync(scratch, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`${engine.label} driver exited: ${output}`);
      try {
        const status = await (await fetch(base + '/status')).json();
        if (status.value?.ready !== false) break;
      } catch {
        /* not listening yet */
      }
      if (i > 300) throw new Error(`${engine.label} driver did not start: ${output}`);
      await sleep(100);
    }
    const created = await request(base, 'POST', '/session', {
      capabilities: { alwaysMatch: engine.capabilities(scratch) },
    });
    return new Session(base, created.sessionId, engine, stop, allOutput);
  } catch (e) {
    stop();
    throw e;
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok || json.value?.error) {
    const err = json.value || {};
    throw new Error(`WebDriver ${method} ${path}: ${err.error || res.status}: ${err.message || ''}`);
  }
  return json.value;
}

export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  constructor(base, id, engine, stop, output) {
    this.base = base;
    this.id = id;
    this.engine = engine;
    this.stop = stop;
    this.output = output;
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    try {
      await request(this.base, 'DELETE', `/session/${this.id}`);
    } finally {
      this.stop();
    }
  }

  goto(url) {
    return this.cmd('POST', '/url', { url });
  }

  refresh() {
    return this.cmd('POST', '/refresh', {});
  }

  setWindow(width, height) {
    return this.cmd('POST', '/window/rect', { width, height });
  }

  /** Runs `fn` (a function's source, called with `args`) in the page; returns its result. */
  execute(fn, ...args) {
    return this.cmd('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments)`, args });
  }

  /** Runs an async `fn` in the page and waits for its promise. */
  executeAsync(fn, ...args) {
    return this.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
          .then((v) => done({ ok: v }), (e) => done({ error: String(e) }));`,
      args,
    }).then((r) => {
      if (r && r.error) throw new Error(r.error);
      return r && r.ok;
    });
  }

  /** Polls `fn` in the page until it returns something truthy (tries, not a clock, bound it). */
  async waitFor(fn, what, ...args) {
    let last;
    for (let i = 0; i < 600; i++) {
      try {
        last = await this.execute(fn, ...args);
        if (last) return last;
      } catch (e) {
        last = e; // a navigation in progress
      }
      await sleep(100);
    }
    throw new Error(`${this.engine.label}: waited in vain for ${what} (last: ${last})`);
  }

  /** The first element matching an XPath, waiting for it to appear. */
  async find(xpath) {
    let lastError;
    for (let i = 0; i < 600; i++) {
      try {
        const el = await this.cmd('POST', '/element', { using: 'xpath', value: xpath });
        return el[ELEMENT];
      } catch (e) {
        lastError = e;
      }
      await sleep(100);
    }
    throw new Error(`${this.engine.label}: no element ${xpath}: ${lastError}`);
  }

  click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  /** Types as the keyboard does, key by key. */
  type(el, text) {
    return this.cmd('POST', `/element/${el}/value`, { text });
  }

  property(el, name) {
    return this.cmd('GET', `/element/${el}/property/${name}`);
  }

  /** A PNG of one element. */
  async elementScreenshot(el) {
    return Buffer.from(await this.cmd('GET', `/element/${el}/screenshot`), 'base64');
  }

  /** A PNG of the viewport. */
  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
}
