// Field-ready (issue 15): the screens as a first secretary and a coordinator meet them on a
// 360 px phone. One test per defect found trying the app as a new user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phone, withApp } from './support.mjs';
import { MatchesScreen, OrganizationsScreen, RecordForm, SettingsScreen, VillagesScreen } from './pages.mjs';
import * as records from './records.mjs';

/** A village and an organisation with a pairing at `status` between them, one per status given. */
function pairedProgramme(statuses) {
  return {
    village: statuses.map((_, i) => records.village(1 + i, `第${i + 1}村`, '句容市', '', 5, '2026-11-01', [])),
    org: [records.org(100, '某协会', '句容市', 9, [])],
    pairing: statuses.map((s, i) => records.pairing(200 + i, 1 + i, 100, s, null, null, null)),
  };
}

async function english(page, base) {
  const settings = new SettingsScreen(page);
  await settings.open(base, '/settings');
  await settings.language('English').check();
}

// Item 1: each stage picked is the stage shown, at once and after a reload, in both languages.
for (const [lang, names] of [
  ['zh', { intent: '意向', signed: '已签约', in_progress: '实施中', completed: '已完成', cancelled: '已取消' }],
  ['en', { intent: 'Intent', signed: 'Signed', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' }],
]) {
  test(`the stage picked for a pairing is the stage shown, every stage (${lang})`, async () => {
    await withApp(async ({ server, browser }) => {
      const page = await (await phone(browser)).newPage();
      await records.seed(page, server.url, pairedProgramme(['intent', 'intent']));
      if (lang === 'en') await english(page, server.url);
      const screen = new MatchesScreen(page);
      await screen.open(server.url, '/matches');
      const check = async (card, code, when) => {
        // The select is redrawn with the stages reachable from the new one, itself first: wait
        // for that, then for a frame.
        await page.waitForFunction(([el, code]) => el.options[0]?.value === code, [await screen.stage(card).elementHandle(), code]);
        await page.evaluate(() => new Promise(requestAnimationFrame));
        assert.equal(await screen.shownStage(card), names[code], `${names[code]} shown ${when}`);
        assert.equal(await screen.stage(card).inputValue(), code, `${code} is the select's value ${when}`);
      };
      const first = screen.pairing('第1村 ← 某协会');
      await check(first, 'intent', 'at first');
      for (const code of ['signed', 'in_progress', 'completed']) {
        await screen.stage(first).selectOption({ label: names[code] });
        await pickStage(page, first);
        await check(first, code, 'after picking it');
      }
      const second = screen.pairing('第2村 ← 某协会');
      await screen.stage(second).selectOption({ label: names.cancelled });
      await check(second, 'cancelled', 'after picking it');
      const stored = await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('qianshou/pairing/')).map((k) => JSON.parse(localStorage.getItem(k)).status).sort(),
      );
      assert.deepEqual(stored, ['cancelled', 'completed']);
      await page.reload();
      await check(screen.pairing('第1村 ← 某协会'), 'completed', 'after a reload');
      await check(screen.pairing('第2村 ← 某协会'), 'cancelled', 'after a reload');
    });
  });
}

/** Answers the signing date question when one is asked (the date proposed: today). */
async function pickStage(page, card) {
  const confirm = card.getByRole('button', { name: /^确认签约$|^Mark as signed$/ });
  if (await confirm.count()) await confirm.click();
}

// Item 2: an empty list says how to begin, not that surveys are "coming soon".
test('the empty lists say how to begin, in both languages', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const screen = new VillagesScreen(page);
    for (const [lang, villages, orgs] of [
      ['zh', /点.*新增村庄/, /点.*新增组织/],
      ['en', /Tap .*New village/, /Tap .*New organisation/],
    ]) {
      if (lang === 'en') await english(page, server.url);
      for (const [path, begin] of [['/villages', villages], ['/organizations', orgs]]) {
        await screen.open(server.url, path);
        const text = await page.locator('.empty').textContent();
        assert.doesNotMatch(text, /即将|上线|coming|soon|next/i, `${path} (${lang}): ${text}`);
        assert.match(text, begin, `${path} (${lang}) says how to begin: ${text}`);
      }
    }
  });
});

/** The survey records of `kind` in local storage. */
function stored(page, kind) {
  return page.evaluate((kind) => Object.keys(localStorage).filter((k) => k.startsWith(`qianshou/${kind}/`)), kind);
}

// Item 3: "new" then "back" leaves nothing behind; the first character typed keeps the record.
test('a new record left untouched leaves nothing; one character typed keeps it', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await page.getByRole('link', { name: '返回村庄列表' }).click();
    await page.getByText('共 0 个村庄').waitFor();
    assert.equal(await page.getByText('（未命名）').count(), 0, 'no unnamed village in the list');
    assert.deepEqual(await stored(page, 'village'), [], 'and none stored');
    // Left through the navigation instead of the back link: the same.
    await villages.add();
    await villages.go('组织');
    await villages.go('村庄');
    await page.getByText('共 0 个村庄').waitFor();
    assert.deepEqual(await stored(page, 'village'), []);

    // One character is a record, saved at once, and kept on leaving.
    await villages.add();
    await form.field('村名').pressSequentially('马');
    assert.equal((await stored(page, 'village')).length, 1, 'stored at the first character');
    await form.field('村名').pressSequentially('埂村');
    await page.getByRole('link', { name: '返回村庄列表' }).click();
    await villages.row('马埂村').waitFor();
    await page.reload();
    await villages.row('马埂村').waitFor();
    assert.equal((await stored(page, 'village')).length, 1);

    // A need added, nothing typed: that is a change, and it is kept.
    const orgs = new OrganizationsScreen(page);
    await orgs.open(server.url, '/organizations');
    await orgs.add();
    await page.getByRole('button', { name: '添加能力' }).click();
    await page.getByRole('link', { name: '返回组织列表' }).click();
    assert.equal((await stored(page, 'org')).length, 1, 'an organisation with a capability is kept');
    await orgs.add();
    await page.getByRole('link', { name: '返回组织列表' }).click();
    await page.getByText('共 1 个组织').waitFor();
    assert.equal((await stored(page, 'org')).length, 1, 'the untouched one is not');
  });
});

