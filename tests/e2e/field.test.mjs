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

/** The pairings stored, by id. */
function storedPairings(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('qianshou/pairing/'))
        .map((k) => [k.split('/').pop(), JSON.parse(localStorage.getItem(k))]),
    ),
  );
}

/** Three villages, each with a need an organisation with room for all three can meet. */
function planProgramme() {
  const needs = ['需要中草药种植专家指导', '中草药种植缺技术', '希望有中草药种植培训'];
  return {
    village: needs.map((d, i) => records.village(1 + i, `第${i + 1}村`, '句容市', '宝华镇', 5, '2026-11-01', [[10 + i, 'agritech', d, 'high', 'open']])),
    org: [records.org(100, '镇江市中药材协会', '句容市', 5, [[101, 'agritech', '中草药种植技术指导']])],
  };
}

// Item 5: "accept all" says how many and asks first, can be undone, and the plan's cards say why.
test('accept all asks with the count, can be undone, and the cards show score, reasons and capability', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await records.seed(page, server.url, planProgramme());
    const screen = new MatchesScreen(page);
    await screen.open(server.url, '/matches');
    await page.getByRole('button', { name: '生成方案' }).click();
    const plan = page.getByRole('region', { name: '结对方案' });
    await plan.getByText(/覆盖 3 个村/).waitFor();
    const card = plan.getByRole('listitem').filter({ hasText: '第1村 ← 镇江市中药材协会' });
    const text = await card.textContent();
    assert.match(text, /匹配度 \d+%/, `the score: ${text}`);
    assert.match(text, /同类需求/, `the reasons: ${text}`);
    assert.match(text, /共同关键词：/, `the shared words: ${text}`);
    assert.match(text, /使用能力：中草药种植技术指导/, `the capability used: ${text}`);

    await plan.getByRole('button', { name: '全部接受' }).click();
    assert.match(await plan.textContent(), /接受全部 3 个结对/, 'the count is asked about first');
    await plan.getByRole('button', { name: '取消' }).click();
    assert.deepEqual(await storedPairings(page), {}, 'nothing written before it is confirmed');

    await plan.getByRole('button', { name: '全部接受' }).click();
    await plan.getByRole('button', { name: '接受 3 个' }).click();
    await plan.getByText('已接受 3 个结对。').waitFor();
    const accepted = Object.values(await storedPairings(page));
    assert.equal(accepted.filter((p) => !p.deleted && p.status === 'intent').length, 3);

    await plan.getByRole('button', { name: '撤销' }).click();
    await plan.getByText(/覆盖 3 个村/).waitFor();
    const undone = Object.values(await storedPairings(page));
    assert.equal(undone.length, 3);
    assert.ok(undone.every((p) => p.deleted), 'every pairing accepted is taken back');
    const needs = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('qianshou/village/')).map((k) => JSON.parse(localStorage.getItem(k)).needs[0].status),
    );
    assert.deepEqual(needs, ['open', 'open', 'open'], 'and the needs are open again');
    assert.equal(await screen.pairing('第1村 ← 镇江市中药材协会').count(), 0, 'no pairing card is left');
  });
});

// Item 6: moving a pairing to "signed" asks for the signing date, today unless changed.
test('signing asks for the date, today by default, and keeps the date given', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await records.seed(page, server.url, pairedProgramme(['intent', 'intent']));
    const screen = new MatchesScreen(page);
    await screen.open(server.url, '/matches');
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const first = screen.pairing('第1村 ← 某协会');
    await screen.stage(first).selectOption({ label: '已签约' });
    const question = first.getByRole('group', { name: '签约日期是哪天？' });
    assert.equal(await question.getByLabel('签约日期').inputValue(), today, 'today is proposed');
    assert.equal((await storedPairings(page))[records.uuid(200)].status, 'intent', 'nothing changes before the answer');
    await question.getByRole('button', { name: '确认签约' }).click();
    let stored = (await storedPairings(page))[records.uuid(200)];
    assert.equal(stored.status, 'signed');
    assert.equal(stored.signed_on, today);
    assert.equal(await screen.shownStage(first), '已签约');

    // Another date typed; and a question answered "cancel" changes nothing.
    const second = screen.pairing('第2村 ← 某协会');
    await screen.stage(second).selectOption({ label: '已签约' });
    await second.getByRole('button', { name: '取消' }).click();
    assert.equal(await screen.shownStage(second), '意向', 'cancelled: the stage shown is the stage it has');
    assert.equal((await storedPairings(page))[records.uuid(201)].status, 'intent');
    await screen.stage(second).selectOption({ label: '已签约' });
    await second.getByRole('group', { name: '签约日期是哪天？' }).getByLabel('签约日期').fill('2026-10-30');
    await second.getByRole('button', { name: '确认签约' }).click();
    stored = (await storedPairings(page))[records.uuid(201)];
    assert.deepEqual([stored.status, stored.signed_on], ['signed', '2026-10-30']);
  });
});

// Item 12: inside WeChat's own browser the app cannot be installed nor work offline: it says so,
// in words, and how to open the page in the phone's browser. Elsewhere it says nothing.
test('inside WeChat the app says to open the page in the phone browser', async () => {
  await withApp(async ({ server, browser }) => {
    const wechat = 'Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
    const inside = await (await phone(browser, { userAgent: wechat })).newPage();
    const screen = new VillagesScreen(inside);
    await screen.open(server.url, '/villages');
    const banner = inside.getByRole('alert').filter({ hasText: /微信/ });
    assert.match(await banner.textContent(), /在浏览器打开/);
    await english(inside, server.url);
    await screen.open(server.url, '/villages');
    assert.match(await inside.getByRole('alert').filter({ hasText: /WeChat/ }).textContent(), /Open in browser/);

    const outside = await (await phone(browser)).newPage();
    await new VillagesScreen(outside).open(server.url, '/villages');
    assert.equal(await outside.getByText(/微信|WeChat/).count(), 0, 'no word of WeChat in an ordinary browser');
  });
});

// Item 14, the parts Chromium shows: a radio sits on the line of its label, and the overview
// shows 0, not "-0", for an amount when no pairing has one.
test('radios sit beside their labels; no amount reads 0, not -0', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await records.seed(page, server.url, { village: [records.village(1, '马埂村', '句容市', '宝华镇', 5, '2026-11-01', [])] });
    for (const path of ['/settings', '/data']) {
      await new SettingsScreen(page).open(server.url, path);
      const radios = page.getByRole('radio');
      assert.ok((await radios.count()) >= 2, `${path} has radios`);
      for (const radio of await radios.all()) {
        const [box, text] = await radio.evaluate((r) => [r.getBoundingClientRect(), r.closest('label').querySelector('span').getBoundingClientRect()].map((b) => ({ top: b.top, bottom: b.bottom, left: b.left, right: b.right })));
        assert.ok(box.bottom > text.top && box.top < text.bottom, `${path}: the radio is on its label's line (${JSON.stringify({ box, text })})`);
        assert.ok(box.right <= text.left, `${path}: and before it`);
        // What put it above its label in WebKit and Firefox: the label laid out as a bold block
        // (`.field > label`) instead of the choice's row.
        const style = await radio.evaluate((r) => {
          const s = getComputedStyle(r.closest('label'));
          return { display: s.display, weight: s.fontWeight };
        });
        assert.deepEqual(style, { display: 'flex', weight: '400' }, `${path}: the choice's own layout`);
      }
    }
    await new SettingsScreen(page).open(server.url, '/dashboard');
    const amount = page.getByRole('group', { name: '投入金额（万元）' });
    assert.equal((await amount.locator('.figure-value').textContent()).trim(), '0');
  });
});
