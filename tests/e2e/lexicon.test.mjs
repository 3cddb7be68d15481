// Journey: the matcher's lexicon is not in the app's wasm; it comes as a data file once the first
// screen is painted, is precached for offline use, and until it arrives (or if it never does) the
// surveyor gets suggestions on characters alone, with nothing alarming said.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cachedUrls, phone, waitForServiceWorker, withApp } from './support.mjs';
import { org, seed, uuid, village } from './records.mjs';

// The need says 香菇 and nothing else the first organisation says: only the lexicon knows that
// 食用菌 means the same. The second shares the characters 香菇, so it is found on characters alone.
const PROGRAMME = {
  village: [village(1, '马埂村', '句容市', '茅山镇', 8.5, '2026-11-01', [[11, 'agritech', '村里想发展香菇', 'high', 'open']])],
  org: [
    org(21, '句容市菌业协会', '句容市', 2, [[31, 'agritech', '食用菌栽培指导']]),
    org(22, '丹徒区农技站', '丹徒区', 2, [[32, 'agritech', '香菇大棚建设']]),
  ],
};
const SYNONYM = '意思相近：香菇≈食用菌';
const DATA_FILE = /\/(lexicon|pinyin)-[0-9a-f]{16}\.txt$/;

async function openNeed(page, base) {
  await page.goto(`${base}/villages/${uuid(1)}`);
  const need = page.getByRole('listitem').filter({ hasText: '需求 1' });
  await need.getByRole('button', { name: '查看匹配建议' }).click();
  return need;
}

const suggestion = (need, name) => need.locator('.match').filter({ hasText: name });

test('suggestions shown before the lexicon arrives are worked out again with it', async () => {
  await withApp(async ({ server, browser }) => {
    // No service worker here, so the page's own requests can be held back.
    const context = await phone(browser, { serviceWorkers: 'block' });
    let release;
    const held = new Promise((r) => (release = r));
    await context.route(DATA_FILE, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await seed(page, server.url, PROGRAMME);
    const need = await openNeed(page, server.url);

    await suggestion(need, '丹徒区农技站').waitFor();
    assert.ok(!(await need.textContent()).includes('≈'), 'no meaning is matched before the lexicon arrives');

    release();
    await suggestion(need, '句容市菌业协会').getByText(SYNONYM).waitFor();
  });
});

test('the lexicon is precached, and a synonym still matches offline after a reload', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const page = await context.newPage();
    await seed(page, server.url, PROGRAMME);
    const need = await openNeed(page, server.url);
    await suggestion(need, '句容市菌业协会').getByText(SYNONYM).waitFor();

    await waitForServiceWorker(page);
    const cached = await cachedUrls(page);
    assert.deepEqual(
      cached.filter((u) => DATA_FILE.test(u)).map((u) => u.match(DATA_FILE)[1]).sort(),
      ['lexicon', 'pinyin'],
      `both tables precached under hashed names: ${cached.join(' ')}`,
    );

    await server.stop();
    await page.reload();
    const offline = await openNeed(page, server.url);
    await suggestion(offline, '句容市菌业协会').getByText(SYNONYM).waitFor();
  });
});

test('if the lexicon cannot be fetched, matching goes on with characters alone and no alarm', async () => {
  await withApp(async ({ server, browser, dir }) => {
    // A deployment that lost the tables: every fetch of them fails.
    for (const name of readdirSync(dir)) if (DATA_FILE.test('/' + name)) rmSync(join(dir, name));
    const page = await (await phone(browser)).newPage();
    await seed(page, server.url, PROGRAMME);
    const failed = page.waitForResponse((r) => DATA_FILE.test(new URL(r.url()).pathname) && r.status() === 404);
    const need = await openNeed(page, server.url);
    await failed;
    await suggestion(need, '丹徒区农技站').waitFor();
    // The failed fetch has settled once the page has run a few more turns.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
    const alarms = await page.getByRole('alert').allTextContents();
    assert.deepEqual(alarms, [], 'no alarm shown');
    assert.ok(!(await need.textContent()).includes('≈'), 'characters alone');
    assert.ok(await suggestion(need, '丹徒区农技站').isVisible(), 'the suggestion found on characters alone stays');
  });
});
