// Journey: the surveyor swipes the browser away right after the last word. Chromium writes local
// storage to disk a second or two late; the app's journal (IndexedDB, strict durability) must make
// the last keystroke survive a SIGKILL of the whole browser 100 ms later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, copyOfDist, serve } from './support.mjs';
import { VillagesScreen, RecordForm } from './pages.mjs';

const ROUNDS = 20;

/** Opens the app in a browser that keeps its profile in `profile`, as a phone's browser does. */
async function openBrowser(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}

/** SIGKILL for every process of the browser using `profile`: no shutdown, no flush. */
function killBrowser(profile) {
  spawnSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]);
  // Wait until they are gone, so the next launch does not meet the old profile lock.
  for (let i = 0; i < 100; i++) {
    if (spawnSync('pgrep', ['-f', `user-data-dir=${profile}`]).status !== 0) return;
    spawnSync('sleep', ['0.05']);
  }
  throw new Error('the browser did not die');
}

test(`killed 100 ms after the last keystroke, ${ROUNDS} times: no village and no need is lost`, async () => {
  const dir = copyOfDist();
  const server = await serve(dir);
  const profile = mkdtempSync(join(tmpdir(), 'qianshou-profile-'));
  const villagePath = [];
  // Rounds in which the journal gave back what local storage lost: the proof that it is the
  // journal, not luck with the browser's own flush, that keeps the data.
  let restoredRounds = 0;
  try {
    for (let round = 1; round <= ROUNDS + 1; round++) {
      const context = await openBrowser(profile);
      context.on('close', () => {});
      const page = context.pages()[0] || (await context.newPage());
      page.on('console', (m) => {
        if (/journal: \d+ lost writes restored/.test(m.text())) restoredRounds++;
        if (m.text().startsWith('journal:')) console.error(`round ${round}: ${m.text()}`);
      });
      const villages = new VillagesScreen(page);
      await villages.open(server.url, '/villages');

      // Everything typed before each earlier kill is still here.
      for (let done = 1; done < round; done++) {
        await villages.row(`第${done}村`).waitFor({ timeout: 10_000 }).catch(() => {
          assert.fail(`village 第${done}村, typed just before kill ${done}, was lost`);
        });
      }
      if (round > 1 && (round - 1) % 2 === 0) {
        // Even rounds also added a need to the first village: check that it is there too.
        await page.goto(server.url + villagePath[0]);
        const form = new RecordForm(page);
        const need = form.item(`需求 ${(round - 1) / 2}`);
        await need.waitFor({ timeout: 10_000 }).catch(() => assert.fail(`the need of round ${round - 1} was lost`));
        assert.equal(await need.getByLabel('描述').inputValue(), `第${round - 1}轮的需求`);
      }
      if (round > ROUNDS) {
        await context.close();
        assert.ok(restoredRounds > 0, 'local storage never lost a write: the test proved nothing');
        break;
      }

      await villages.open(server.url, '/villages');
      await villages.add();
      const form = new RecordForm(page);
      await form.field('村名').pressSequentially(`第${round}村`);
      villagePath.push(new URL(page.url()).pathname);
      if (round % 2 === 0) {
        await page.goto(server.url + villagePath[0]);
        await page.getByRole('button', { name: '添加需求' }).click();
        await form.item(`需求 ${round / 2}`).getByLabel('描述').pressSequentially(`第${round}轮的需求`);
      }
      await page.waitForTimeout(100);
      killBrowser(profile);
      await context.close().catch(() => {});
    }
  } finally {
    killBrowser(profile);
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
});
