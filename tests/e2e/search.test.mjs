// Find by pinyin and sort (issue 15, item 10): the lists find a village by its characters, the
// initials of its pinyin or its full pinyin, and put themselves in pinyin order, by township or
// by last change, remembered across a reload; at 360 px, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phone, smallTargets, withApp } from './support.mjs';
import { OrganizationsScreen, SettingsScreen, VillagesScreen } from './pages.mjs';
import * as records from './records.mjs';

const day = (d) => ({ updated_at: `2026-11-${String(d).padStart(2, '0')}T09:00:00+08:00` });

// In Unicode order (东 乐 安 西 马 新; 上 下 宝) these would come out otherwise than in pinyin.
const programme = {
  village: [
    records.village(1, '马埂村', '句容市', '宝华镇', 8, '2026-11-01', [], day(3)),
    records.village(2, '东岗村', '句容市', '下蜀镇', 40, '2026-11-01', [], day(5)),
    records.village(3, '西山村', '丹徒区', '上党镇', 20, '2026-11-01', [], day(4)),
    records.village(4, '安村', '句容市', '宝华镇', 20, '2026-11-01', [], day(2)),
    records.village(5, '乐山村', '丹徒区', '上党镇', 20, '2026-11-01', [], day(1)),
    records.village(6, '新村', '丹徒区', '', 20, '2026-11-01', [], day(6)),
  ],
  org: [
    records.org(100, '镇江市某商会', '京口区', 3, [], day(3)),
    records.org(101, '句容农商银行', '句容市', 3, [], day(1)),
    records.org(102, '安徽商会', '句容市', 3, [], day(2)),
  ],
};

const ORDERS = {
  name: ['安村', '东岗村', '乐山村', '马埂村', '西山村', '新村'],
  township: ['安村', '马埂村', '乐山村', '西山村', '东岗村', '新村'],
  recent: ['新村', '东岗村', '西山村', '马埂村', '安村', '乐山村'],
};

const WORDS = {
  zh: { sort: '排序', recent: '最近修改', name: '名称（拼音）', township: '乡镇' },
  en: { sort: 'Sort by', recent: 'Last changed', name: 'Name (pinyin)', township: 'Township' },
};

async function english(page, base) {
  const settings = new SettingsScreen(page);
  await settings.open(base, '/settings');
  await settings.language('English').check();
}

const titles = (page) => page.locator('.cards .card-title').allTextContents();

/** Waits until the list shows exactly `names`, in that order. */
async function shows(page, names, what) {
  try {
    await page.waitForFunction(
      (names) => JSON.stringify([...document.querySelectorAll('.cards .card-title')].map((e) => e.textContent)) === JSON.stringify(names),
      names,
      { timeout: 10_000 },
    );
  } catch {
    assert.deepEqual(await titles(page), names, what);
  }
}

for (const lang of ['zh', 'en']) {
  const words = WORDS[lang];

  test(`villages are found by pinyin initials, full pinyin and characters (${lang})`, async () => {
    await withApp(async ({ server, browser }) => {
      const page = await (await phone(browser)).newPage();
      await records.seed(page, server.url, programme);
      if (lang === 'en') await english(page, server.url);
      const screen = new VillagesScreen(page);
      await screen.open(server.url, '/villages');
      for (const typed of ['mgc', 'magengcun', 'ma geng', 'MaGen', '马埂', '馬埂']) {
        await screen.search().fill(typed);
        await shows(page, ['马埂村'], `"${typed}" finds 马埂村 alone`);
      }
      // A character of several readings is found under each: 乐 le and yue.
      for (const typed of ['lsc', 'leshan', 'yueshan']) {
        await screen.search().fill(typed);
        await shows(page, ['乐山村'], `"${typed}" finds 乐山村`);
      }
      // The township's pinyin finds its villages (宝华镇).
      await screen.search().fill('baohua');
      await shows(page, ['马埂村', '安村'], 'baohua');
      await screen.search().fill('mgx');
      await shows(page, [], 'letters that are not its pinyin');
      await screen.search().fill('');
      await shows(page, ORDERS.recent, 'everything again');
    });
  });

  test(`the three orders, remembered after a reload; the controls are 44 px targets (${lang})`, async () => {
    await withApp(async ({ server, browser }) => {
      const page = await (await phone(browser)).newPage();
      await records.seed(page, server.url, programme);
      if (lang === 'en') await english(page, server.url);
      const screen = new VillagesScreen(page);
      await screen.open(server.url, '/villages');
      const sort = page.getByLabel(words.sort, { exact: true });
      assert.equal(await sort.inputValue(), 'recent', 'the default order is the last change');
      await shows(page, ORDERS.recent, 'most recently changed first');
      assert.deepEqual(await smallTargets(page), [], 'every control of the list is at least 44 × 44 px');
      for (const order of ['name', 'township', 'recent', 'name']) {
        await sort.selectOption({ label: words[order] });
        await shows(page, ORDERS[order], `ordered by ${order}`);
      }
      // Search and order together: pinyin order among what is found.
      await screen.search().fill('cun');
      await shows(page, ORDERS.name, 'every name ends in 村');
      await screen.search().fill('');
      await page.reload();
      await screen.nav.waitFor();
      assert.equal(await sort.inputValue(), 'name', 'the order picked survives a reload');
      await shows(page, ORDERS.name, 'in pinyin order after a reload');
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('qianshou/settings')));
      assert.equal(stored.villages_order, 'name');

      // The organisations keep their own order.
      const orgs = new OrganizationsScreen(page);
      await orgs.go(/^(组织|Orgs|Organisations)$/);
      const orgSort = page.getByLabel(words.sort, { exact: true });
      assert.equal(await orgSort.inputValue(), 'recent');
      await shows(page, ['镇江市某商会', '安徽商会', '句容农商银行'], 'organisations, most recent first');
      assert.deepEqual(await smallTargets(page), [], 'every control of the organisation list is at least 44 × 44 px');
      await orgSort.selectOption({ label: words.name });
      await shows(page, ['安徽商会', '句容农商银行', '镇江市某商会'], 'organisations in pinyin order');
      await page.getByRole('searchbox').fill('jrns');
      await shows(page, ['句容农商银行'], 'an organisation found by its initials');
      await page.reload();
      await orgs.nav.waitFor();
      assert.equal(await orgSort.inputValue(), 'name', "the organisations' order survives a reload");
      await shows(page, ['安徽商会', '句容农商银行', '镇江市某商会'], 'organisations in pinyin order after a reload');
    });
  });
}

test('before the pinyin table arrives, characters find a village; pinyin finds it once the table is there', async () => {
  await withApp(async ({ server, browser }) => {
    // No service worker, so that the page itself asks for the table and the test can hold it back.
    const context = await phone(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    await records.seed(page, server.url, programme);
    let release;
    let asked = 0;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/\/pinyin-[^/]*\.txt$/, async (route) => {
      asked += 1;
      await held;
      await route.continue();
    });
    const screen = new VillagesScreen(page);
    await screen.open(server.url, '/villages');
    await screen.search().fill('马埂');
    await shows(page, ['马埂村'], 'characters work without the table');
    await screen.search().fill('mgc');
    await page.waitForTimeout(300);
    assert.deepEqual(await titles(page), [], 'no pinyin yet');
    assert.ok(asked >= 1, 'the table was asked for, and is held back');
    release();
    // Nothing typed again: the list follows the table's arrival by itself.
    await shows(page, ['马埂村'], 'mgc finds 马埂村 once the table has arrived');
  });
});

test('if the pinyin table cannot be fetched, characters still find a village', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    await records.seed(page, server.url, programme);
    await page.route(/\/pinyin-[^/]*\.txt$/, (route) => route.abort());
    const screen = new VillagesScreen(page);
    await screen.open(server.url, '/villages');
    await screen.search().fill('马埂');
    await shows(page, ['马埂村'], 'characters work without the table');
    await screen.search().fill('東岗');
    await shows(page, ['东岗村'], 'traditional characters too');
    const sort = page.getByLabel('排序', { exact: true });
    await screen.search().fill('');
    await sort.selectOption({ label: WORDS.zh.name });
    // No pinyin to sort by: the names in the order of their characters, not an error.
    assert.equal((await titles(page)).length, 6);
  });
});
