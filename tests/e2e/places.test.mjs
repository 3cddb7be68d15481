// Journey (issue 15, item 8): places chosen from the official list (GB/T 2260, public/places.txt)
// on a phone at 360 px: province → city → county, the county's townships offered, full names
// stored, a name the list lacks typed and kept; the list fetched only once a place field is shown,
// precached, and working offline; plain text boxes while it loads or if it cannot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, cachedUrls, phone, seriousViolations, smallTargets, waitForServiceWorker, withApp } from './support.mjs';
import { OrganizationsScreen, SettingsScreen, VillagesScreen, RecordForm } from './pages.mjs';
import { seed, uuid, village } from './records.mjs';

const PLACES_FILE = /\/places-[0-9a-f]{16}\.txt$/;
const ZH = { province: '省', city: '市', county: '县（区）', township: '乡镇（街道）', other: '其他（手动填写）', typed: '（手动填写）' };
const EN = { province: 'Province', city: 'City', county: 'County / district', township: 'Township', other: 'Other (type it)', typed: ' (typed)' };

/** The places file's fetches made by the page itself (the service worker's precache is not one). */
const pageFetchedPlaces = (page) =>
  page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/places-[0-9a-f]{16}\.txt$/.test(e.name)).length);

/** Waits until the form's place fields are pickers (the list read). */
const listReady = (page) => page.locator('.place-fields[data-places="ready"]').waitFor();

/** The record behind the open form, as stored. */
async function stored(page) {
  const id = new URL(page.url()).pathname.split('/').pop();
  return page.evaluate((id) => JSON.parse(localStorage.getItem(`qianshou/village/${id}`)), id);
}

/** The visible names a select offers, without its first ("choose") and last ("other") options. */
const offered = (select) => select.evaluate((s) => [...s.options].slice(1, -1).map((o) => o.textContent));

/** A level's select (a combobox), waited for: it replaces the text box once the list is here. */
const picker = (page, label) => page.getByRole('combobox', { name: label, exact: true });

async function newVillage(page, base, name) {
  const villages = new VillagesScreen(page);
  await villages.open(base, '/villages');
  await villages.add();
  const form = new RecordForm(page);
  await form.type('村名', name);
  return form;
}

test('the list is fetched when a place field is shown; 江苏省 → 镇江市 → 句容市 → a township is stored in full', async (t) => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await new VillagesScreen(page).open(server.url, '/villages');
    // Everything the first screen fetches after painting (the lexicon) has come, and not the list.
    await page.waitForFunction(() => performance.getEntriesByName('qianshou:lexicon').length > 0);
    assert.equal(await pageFetchedPlaces(page), 0, 'the villages list does not fetch the places file');

    const form = await newVillage(page, server.url, '马埂村');
    await listReady(page);
    assert.equal(await pageFetchedPlaces(page), 1, 'the form fetched it once');
    // Not a limit (no wall clock in a test): how long fetching and reading the list took, for the record.
    const took = await page.evaluate(() => performance.getEntriesByName('qianshou:places')[0]?.duration);
    t.diagnostic(`places list fetched and read in ${Math.round(took)} ms`);

    const province = picker(page, ZH.province);
    assert.equal(await province.evaluate((e) => e.tagName), 'SELECT');
    assert.equal((await offered(province)).length, 31, 'every province of the mainland');
    await province.selectOption('江苏省');
    const city = picker(page, ZH.city);
    assert.ok((await offered(city)).includes('镇江市'));
    await city.selectOption({ label: '镇江市' });
    const county = picker(page, ZH.county);
    assert.deepEqual(await offered(county), ['京口区', '润州区', '丹徒区', '镇江新区', '丹阳市', '扬中市', '句容市']);
    await county.selectOption({ label: '句容市' });
    const township = picker(page, ZH.township);
    const towns = await offered(township);
    for (const t of ['华阳街道', '下蜀镇', '宝华镇', '茅山镇']) assert.ok(towns.includes(t), `${t} is offered for 句容市: ${towns}`);
    await township.selectOption({ label: '宝华镇' });

    const region = { province: '江苏省', city: '镇江市', county: '句容市', township: '宝华镇' };
    assert.deepEqual((await stored(page)).region, region, 'full names stored at once');
    await page.reload();
    await listReady(page);
    for (const [key, label] of [['province', ZH.province], ['city', ZH.city], ['county', ZH.county], ['township', ZH.township]]) {
      assert.equal(await form.field(label).inputValue(), region[key], `${label} shown after a reload`);
    }
    assert.deepEqual((await stored(page)).region, region);
    assert.deepEqual(await smallTargets(page), [], 'the pickers are 44 px targets');
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('places-picked-zh.png'), fullPage: true });
  });
});

test('a township the list lacks is typed and kept; short old names show as their entry', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    // A record from before the pickers, with short names.
    const old = village(1, '东岗村', '句容', '宝华', 5, '2026-11-01', []);
    old.region.province = '江苏';
    old.region.city = '鎮江';
    await seed(page, server.url, { village: [old] });
    await page.goto(`${server.url}/villages/${uuid(1)}`);
    const form = new RecordForm(page);
    await listReady(page);
    assert.equal(await form.field(ZH.province).inputValue(), '江苏省');
    assert.equal(await form.field(ZH.city).inputValue(), '镇江市', 'a traditional short name finds its entry');
    assert.equal(await form.field(ZH.county).inputValue(), '句容市');
    assert.equal(await form.field(ZH.township).inputValue(), '宝华镇');
    assert.deepEqual((await stored(page)).region, { province: '江苏', city: '鎮江', county: '句容', township: '宝华' }, 'showing rewrites nothing');

    // Picking stores the full name; changing the county empties the township it does not hold.
    await picker(page, ZH.county).selectOption({ label: '丹徒区' });
    assert.deepEqual((await stored(page)).region, { province: '江苏', city: '鎮江', county: '丹徒区', township: '' });
    await picker(page, ZH.county).selectOption({ label: '句容市' });

    // A township not on the list yet: "other", then typed key by key.
    await picker(page, ZH.township).selectOption({ label: ZH.other });
    const box = form.field(ZH.township + ZH.typed);
    await box.waitFor();
    assert.ok(await box.evaluate((e) => e === document.activeElement), 'the box is ready to type in');
    // Typing a name's stem keeps the box (宝华 is 宝华镇 without 镇): the surveyor is still typing.
    await box.pressSequentially('宝华');
    assert.ok(await box.evaluate((e) => e === document.activeElement), 'still typing in the box');
    await box.fill('');
    await box.pressSequentially('新设镇');
    assert.equal((await stored(page)).region.township, '新设镇');
    await page.reload();
    await listReady(page);
    const shown = await picker(page, ZH.township).evaluate((s) => s.selectedOptions[0].textContent);
    assert.equal(shown, ZH.other, '"other" shown for a name not on the list');
    assert.equal(await form.field(ZH.township + ZH.typed).inputValue(), '新设镇', 'kept after a reload');
    assert.equal((await stored(page)).region.township, '新设镇');
    assert.deepEqual(await smallTargets(page), []);
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('places-typed-zh.png'), fullPage: true });
  });
});

test('in English, a municipality fills its city, and a typed box is a 44 px target too', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const settings = new SettingsScreen(page);
    await settings.open(server.url, '/settings');
    await settings.language('English').check();
    const villages = new VillagesScreen(page);
    await villages.go('Villages');
    await villages.add();
    const form = new RecordForm(page);
    await form.type('Village name', '前进村');
    await listReady(page);
    await picker(page, EN.province).selectOption({ label: '北京市' });
    assert.equal(await form.field(EN.city).inputValue(), '北京市', 'the one city of a municipality is chosen with it');
    await picker(page, EN.county).selectOption({ label: '延庆区' });
    await picker(page, EN.township).selectOption({ label: EN.other });
    await form.field(EN.township + EN.typed).pressSequentially('新村镇');
    assert.deepEqual((await stored(page)).region, { province: '北京市', city: '北京市', county: '延庆区', township: '新村镇' });
    assert.deepEqual(await smallTargets(page), [], 'controls smaller than 44 × 44 px');
    assert.deepEqual(await seriousViolations(page), []);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${width} px wide`);
    await page.screenshot({ path: artifactPath('places-typed-en.png'), fullPage: true });
  });
});

test('the list is precached: the pickers work offline with the server stopped', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await new VillagesScreen(page).open(server.url, '/villages');
    await waitForServiceWorker(page);
    const cached = await cachedUrls(page);
    assert.equal(cached.filter((u) => /\/places-[0-9a-f]{16}\.txt$/.test(u)).length, 1, 'precached under a hashed name');
    assert.equal(await pageFetchedPlaces(page), 0, 'precached by the service worker, not read by the page');

    await server.stop();
    await page.reload();
    const form = await newVillage(page, server.url, '马埂村');
    await listReady(page);
    await picker(page, ZH.province).selectOption('江苏省');
    await picker(page, ZH.city).selectOption('镇江市');
    await picker(page, ZH.county).selectOption('句容市');
    await picker(page, ZH.township).selectOption('茅山镇');
    assert.deepEqual((await stored(page)).region, { province: '江苏省', city: '镇江市', county: '句容市', township: '茅山镇' });
  });
});

test('while the list loads, or if it cannot, the fields are text boxes and nothing typed is lost', async () => {
  await withApp(async ({ server, browser }) => {
    // No service worker, so the page's own request can be held back, then refused.
    const context = await phone(browser, { serviceWorkers: 'block' });
    let release;
    const held = new Promise((r) => (release = r));
    let refuse = false;
    await context.route(PLACES_FILE, async (route) => {
      if (refuse) return route.abort();
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const form = await newVillage(page, server.url, '马埂村');
    await page.getByRole('status').filter({ hasText: '正在载入全国行政区划列表' }).waitFor();
    const province = form.field(ZH.province);
    assert.equal(await province.evaluate((e) => e.tagName), 'INPUT', 'a text box while loading');
    await province.pressSequentially('江苏');
    await form.field(ZH.county).pressSequentially('句容市');
    release();
    await listReady(page);
    assert.equal(await form.field(ZH.province).inputValue(), '江苏省', 'what was typed became the entry');
    assert.deepEqual((await stored(page)).region, { province: '江苏', city: '', county: '句容市', township: '' }, 'and stays as typed');

    // Offline on the very first visit: the file cannot be fetched at all.
    refuse = true;
    await page.reload();
    await page.getByRole('status').filter({ hasText: '行政区划列表暂时无法载入' }).waitFor();
    assert.equal(await page.locator('.place-fields[data-places="failed"]').count(), 1);
    await form.field(ZH.city).pressSequentially('镇江市');
    assert.deepEqual((await stored(page)).region, { province: '江苏', city: '镇江市', county: '句容市', township: '' });
    assert.equal(await form.field(ZH.county).inputValue(), '句容市');
  });
});

test('an organisation picks its place from the same list', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const orgs = new OrganizationsScreen(page);
    await orgs.open(server.url, '/organizations');
    await orgs.add();
    await new RecordForm(page).type('名称', '句容市菌业协会');
    await listReady(page);
    await picker(page, ZH.province).selectOption('江苏省');
    await picker(page, ZH.city).selectOption('镇江市');
    await picker(page, ZH.county).selectOption('句容市');
    const id = new URL(page.url()).pathname.split('/').pop();
    const region = await page.evaluate((id) => JSON.parse(localStorage.getItem(`qianshou/org/${id}`)).region, id);
    assert.deepEqual(region, { province: '江苏省', city: '镇江市', county: '句容市', township: '' });
    assert.deepEqual(await smallTargets(page), []);
  });
});
