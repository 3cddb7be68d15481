// Journey: a surveyor gets a token by a link, surveys a village with no signal while the server is
// down, taps 上传 (queued), and the upload goes out once the signal and the server are back; the
// coordinator finds the village once in the programme. Then the token is revoked: the refusal is
// shown in words and the upload stays queued until a new token is entered.
//
// A REAL qianshou-server process (target/debug/qianshou-server, built by `cargo test -p
// qianshou-server`, which scripts/test.sh runs before this suite) on a SQLite file of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, copyOfDist, freePort, launch, phone, waitForServiceWorker, watch } from './support.mjs';
import { RecordForm, VillagesScreen } from './pages.mjs';
import { seed, village } from './records.mjs';

const BIN =
  process.env.QIANSHOU_SERVER || join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug', 'qianshou-server');

/** The server binary on one database: `token …` commands and `serve` runs that can be stopped. */
class Server {
  constructor(dist) {
    this.dir = mkdtempSync(join(tmpdir(), 'qianshou-upload-'));
    this.db = join(this.dir, 'qianshou.db');
    this.dist = dist;
    this.log = '';
  }

  /** `token add`: { id, token }. */
  addToken(name, role) {
    const out = execFileSync(BIN, ['--db', this.db, 'token', 'add', '--name', name, '--role', role], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    const list = execFileSync(BIN, ['--db', this.db, 'token', 'list'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    const id = Number(list.trim().split('\n').filter((l) => l.split('\t')[1] === name).pop().split('\t')[0]);
    return { id, token: out.trim() };
  }

  revoke(id) {
    execFileSync(BIN, ['--db', this.db, 'token', 'revoke', String(id)], { stdio: 'ignore', env: { ...process.env, DATABASE_URL: '' } });
  }

  /** Starts `serve` on `port` (with extra environment `env`); resolves once it listens. */
  start(port, env = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(BIN, ['--db', this.db, 'serve', '--dist', this.dist, '--listen', `127.0.0.1:${port}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, DATABASE_URL: '', ...env },
      });
      this.child = child;
      child.stderr.on('data', (chunk) => (this.log += chunk));
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/Serving qianshou at (http:\/\/[^\s/]+)/);
        if (m) resolve(m[1]);
      });
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${this.log}`)));
    });
  }

  stop(signal = 'SIGTERM') {
    const child = this.child;
    return new Promise((done) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill(signal);
    });
  }

  /** How many uploads the server answered with `status`, from its request log. */
  uploads(status) {
    return this.log.split('\n').filter((l) => l.includes(`POST /api/v1/uploads ${status} `)).length;
  }

  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

test('a village surveyed offline is queued, then uploaded once when the server is back; a revoked token is said in words and the upload stays', async (t) => {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run \`cargo build -p qianshou-server\` first (scripts/test.sh does)`);
  }
  const dist = copyOfDist();
  const server = new Server(dist);
  const surveyor = server.addToken('张三', 'surveyor');
  const coordinator = server.addToken('王协调', 'coordinator');
  const port = await freePort();
  const url = await server.start(port);
  const browser = await launch();
  t.after(async () => {
    await browser.close();
    await server.stop();
    server.remove();
    rmSync(dist, { recursive: true, force: true });
  });

  const context = await phone(browser);
  const log = watch(context);
  const page = await context.newPage();
  const villages = new VillagesScreen(page);
  const form = new RecordForm(page);
  const status = page.getByTestId('upload-status');
  const message = page.getByTestId('upload-message');
  const queued = page.getByTestId('upload-queued');

  // The coordinator's link: the token is kept, and gone from the address bar.
  await page.goto(`${url}/settings?token=${encodeURIComponent(surveyor.token)}`);
  await villages.nav.waitFor();
  assert.equal(await page.getByLabel('令牌', { exact: true }).inputValue(), surveyor.token);
  assert.ok(!page.url().includes('token'), `the token is removed from the address: ${page.url()}`);
  assert.equal(new URL(page.url()).pathname, '/settings');
  await page.getByTestId('server-detected').filter({ hasText: '本地址有上传服务器应答' }).waitFor();
  assert.equal(await page.getByLabel('服务器地址').inputValue(), url, 'the page’s own origin, detected');
  await page.getByText('清除浏览器数据').waitFor();
  await waitForServiceWorker(page);

  // No signal, and the server down too.
  await server.stop();
  await context.setOffline(true);
  await villages.go('村庄');
  await villages.add();
  await form.type('村名', '马埂村');
  await form.type('县（区）', '句容市');
  await form.type('乡镇（街道）', '宝华镇');

  await villages.go('数据');
  await status.filter({ hasText: '1 条未上传 · 尚未上传' }).waitFor();
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await message.filter({ hasText: '连不上服务器' }).waitFor();
  await queued.filter({ hasText: '队列中有 1 个上传' }).waitFor();
  assert.match(await status.textContent(), /^1 条未上传/, 'queued is not uploaded');
  assert.equal(server.uploads(200), 0);

  // Signal and server back: the `online` event sends it, once, and the server acknowledges it.
  await server.start(port);
  await context.setOffline(false);
  await status.filter({ hasText: /^0 条未上传 · 上次上传 \d{4}-\d\d-\d\d \d\d:\d\d$/ }).waitFor({ timeout: 60_000 });
  await message.filter({ hasText: '已上传，服务器已确认收到' }).waitFor();
  assert.equal(await queued.textContent(), '', 'the outbox is empty');
  assert.equal(server.uploads(200), 1, 'sent once');
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qianshou/outbox/')).length),
    0,
  );
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qianshou/village/')).length),
    1,
    'the village is still on the phone',
  );

  const programme = async () => {
    const res = await fetch(`${url}/api/v1/programme`, { headers: { Authorization: `Bearer ${coordinator.token}` } });
    assert.equal(res.status, 200);
    return res.json();
  };
  let file = await programme();
  assert.deepEqual(file.villages.map((v) => v.name), ['马埂村'], 'the village is in the programme, once');

  // The overview and the home screen (the villages list) show the same line.
  await villages.go('概览');
  await status.filter({ hasText: /^0 条未上传/ }).waitFor();
  await villages.go('村庄');
  await status.filter({ hasText: /^0 条未上传 · 上次上传/ }).waitFor();

  // The coordinator revokes the token; the next upload is refused in words and stays queued.
  server.revoke(surveyor.id);
  await villages.go('村庄');
  await villages.row('马埂村').getByRole('link').first().click();
  await form.type('村名', '马埂村（新）');
  await villages.go('数据');
  await status.filter({ hasText: /^1 条未上传/ }).waitFor();
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await message.filter({ hasText: '服务器不认这个令牌（未知或已被撤销）' }).waitFor();
  await queued.filter({ hasText: '队列中有 1 个上传' }).waitFor();
  assert.equal(server.uploads(401), 1);
  await page.reload();
  await villages.nav.waitFor();
  await queued.filter({ hasText: '队列中有 1 个上传' }).waitFor();
  assert.match(await status.textContent(), /^1 条未上传/, 'still not uploaded after a reload');
  file = await programme();
  assert.deepEqual(file.villages.map((v) => v.name), ['马埂村'], 'nothing of the refused upload was stored');

  // A new token from the coordinator, entered in Settings: the queued upload goes out.
  const second = server.addToken('张三二', 'surveyor');
  await villages.go('设置');
  const token = page.getByLabel('令牌', { exact: true });
  await token.fill(second.token);
  await token.press('Tab');
  await villages.go('数据');
  await status.filter({ hasText: /^0 条未上传/ }).waitFor({ timeout: 60_000 });
  file = await programme();
  assert.deepEqual(file.villages.map((v) => v.name), ['马埂村（新）'], 'the edit replaced the village, still once');

  assert.deepEqual(log.foreign(url), [], 'every request stays on the app origin');
  const blocked = log.errors.filter((e) => /Content Security Policy|Refused to/i.test(e));
  assert.deepEqual(blocked, [], 'the CSP blocks nothing');
});

test('the server killed (SIGKILL) in the middle of an upload: the phone retries under the same key and it is applied exactly once', async (t) => {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run \`cargo build -p qianshou-server\` first (scripts/test.sh does)`);
  }
  const dist = copyOfDist();
  const server = new Server(dist);
  const surveyor = server.addToken('张三', 'surveyor');
  const coordinator = server.addToken('王协调', 'coordinator');
  const port = await freePort();
  // Every record written inside the transaction, then the server waits before the commit.
  const url = await server.start(port, { QIANSHOU_TEST_PAUSE_BEFORE_COMMIT_MS: '600000' });
  const browser = await launch();
  t.after(async () => {
    await browser.close();
    await server.stop();
    server.remove();
    rmSync(dist, { recursive: true, force: true });
  });

  const page = await (await phone(browser)).newPage();
  const shell = new VillagesScreen(page);
  const keys = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/uploads')) keys.push(r.headers()['idempotency-key']);
  });
  const N = 500;
  await seed(page, url, {
    village: Array.from({ length: N }, (_, i) => village(1000 + i, `村${i}`, '句容市', '宝华镇', 8, '2026-11-01', [])),
  });
  await page.goto(`${url}/data#token=${surveyor.token}`);
  await shell.nav.waitFor();
  const status = page.getByTestId('upload-status');
  await status.filter({ hasText: `${N} 条未上传` }).waitFor();
  await page.getByRole('button', { name: '上传', exact: true }).click();

  while (!server.log.includes('pausing before commit')) {
    assert.equal(server.child.exitCode, null, `the server stopped: ${server.log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.stop('SIGKILL');
  await server.start(port);

  // No signal change: the growing timer retries (5 s after the failure).
  await status.filter({ hasText: /^0 条未上传/ }).waitFor({ timeout: 120_000 });
  assert.ok(keys.length >= 2, `sent again after the kill (${keys.length} tries)`);
  assert.equal(new Set(keys).size, 1, 'every try carries the same Idempotency-Key');
  assert.equal(server.uploads(200), 1, 'acknowledged once');
  const res = await fetch(`${url}/api/v1/programme`, { headers: { Authorization: `Bearer ${coordinator.token}` } });
  const file = await res.json();
  assert.equal(file.villages.length, N, 'every village, once');
  assert.equal(new Set(file.villages.map((v) => v.id)).size, N);
});
