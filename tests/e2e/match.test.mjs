// Journey: standing in the village, the surveyor asks who can meet a need, sees why, and accepts;
// back in the office, the coordinator makes a plan for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, phone, seriousViolations, withApp } from './support.mjs';
import { DataScreen, VillagesScreen, OrganizationsScreen, RecordForm } from './pages.mjs';
import { readFileSync } from 'node:fs';
import * as records from './records.mjs';

async function organisation(page, base, name, county, capability) {
  const orgs = new OrganizationsScreen(page);
  const form = new RecordForm(page);
  await orgs.open(base, '/organizations');
  await orgs.add();
  await form.type('名称', name);
  await form.type('县（区）', county);
  await form.type('可结对村数', '2');
  await form.addItem('添加能力', '能力 1', capability);
}

async function village(page, base, name, county, need) {
  const villages = new VillagesScreen(page);
  const form = new RecordForm(page);
  await villages.open(base, '/villages');
  await villages.add();
  await form.type('村名', name);
  await form.type('县（区）', county);
  return form.addItem('添加需求', '需求 1', need);
}

test('a need typed in a form shows the expected organisation first, with its reasons', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await organisation(page, server.url, '镇江市某商会', '句容市', '发动会员单位收购农产品');
    await organisation(page, server.url, '镇江市中药材协会', '句容市', '中草药种植技术指导');
    await organisation(page, server.url, '丹徒区果树协会', '丹徒区', '果树种植技术培训');
    const need = await village(page, server.url, '马埂村', '句容市', '需要中草药种植专家指导');

    await need.getByRole('button', { name: '查看匹配建议' }).click();
    const first = need.getByRole('listitem').first();
    assert.match(await first.textContent(), /镇江市中药材协会/);
    const reasons = await first.locator('.reasons').textContent();
    for (const words of ['同类需求', '共同关键词：中草药种植', '意思相近：专家指导≈技术指导', '同县']) {
      assert.ok(reasons.includes(words), `${words} in ${reasons}`);
    }
    // Every organisation here has 2 places left: a reason true of every suggestion says nothing.
    assert.ok(!reasons.includes('剩余名额'), `no reason shared by all in ${reasons}`);
    const order = (await need.getByRole('listitem').allTextContents()).map((t) => t.match(/^\S+?(协会|商会)/)[0]);
    assert.deepEqual(order, ['镇江市中药材协会', '丹徒区果树协会', '镇江市某商会'], 'same area with shared words, then same area, then a related area');
    assert.match(await need.getByRole('listitem').last().locator('.reasons').textContent(), /相关领域/);

    assert.deepEqual(await seriousViolations(page), [], 'suggestions pass axe');
    await need.screenshot({ path: artifactPath('need-suggestions-zh.png') });
    await first.getByRole('button', { name: '接受' }).click();
    assert.equal(await need.getByLabel('状态').inputValue(), 'matched', 'a need covered by a pairing is matched');

    // The coordinator's screen: the pairing, moved on to signed.
    await new VillagesScreen(page).go('匹配');
    const card = page.getByRole('listitem').filter({ hasText: '马埂村 ← 镇江市中药材协会' });
    await card.getByLabel('状态').selectOption({ label: '已签约' });
    await card.getByRole('button', { name: '确认签约' }).click(); // the signing date: today
    await card.getByLabel('金额').pressSequentially('40');

    // Another village needs an outlet for its produce: the plan pairs it.
    await village(page, server.url, '东岗村', '句容市', '农产品销售难，希望有人收购');
    await new VillagesScreen(page).go('匹配');
    await page.getByRole('button', { name: '生成方案' }).click();
    await page.getByText(/覆盖 1 个村/).waitFor();
    assert.match(await page.getByRole('region', { name: '结对方案' }).textContent(), /东岗村 ← 镇江市某商会/);
    assert.deepEqual(await seriousViolations(page), [], 'the plan passes axe');
    await page.getByRole('button', { name: '全部接受' }).click();
    await page.getByRole('button', { name: '接受 1 个' }).click(); // asked first, with the count
    await page.getByRole('listitem').filter({ hasText: '东岗村 ← 镇江市某商会' }).getByLabel('状态').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'the pairings pass axe');
    await page.screenshot({ path: artifactPath('matches-zh.png'), fullPage: true });

    // All of it was saved as FORMAT.md pairings.
    await page.reload();
    await new VillagesScreen(page).nav.waitFor();
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('qianshou/pairing/')).map((k) => JSON.parse(localStorage.getItem(k))),
    );
    assert.deepEqual(stored.map((p) => p.status).sort(), ['intent', 'signed']);
    assert.equal(stored.find((p) => p.status === 'signed').amount_wan, 40);
    assert.ok(stored.every((p) => p.need_ids.length === 1 && p.capability_ids.length === 1));
  });
});

test('suggestions follow what was just typed into the need, whether or not the shared matcher is up to date', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await records.seed(page, server.url, {
      village: [records.village(1, '马埂村', '句容市', '茅山镇', 8.5, '2026-11-01', [[11, 'agritech', '村里想发展香菇', 'high', 'open']])],
      org: [
        records.org(21, '句容市菌业协会', '句容市', 2, [[31, 'agritech', '食用菌栽培指导']]),
        records.org(22, '句容市果树协会', '句容市', 2, [[32, 'agritech', '果树种植技术培训']]),
      ],
    });
    await page.goto(`${server.url}/villages/${records.uuid(1)}`);
    // The shared matcher is built a moment after the lexicon arrives: the first tap uses it.
    await page.waitForFunction(() => performance.getEntriesByName('qianshou:matcher:ready').length > 0);
    const need = page.getByRole('listitem').filter({ hasText: '需求 1' });
    const firstShown = () => need.locator('.match').first().locator('strong').textContent();
    await need.getByRole('button', { name: '查看匹配建议' }).click();
    assert.equal(await firstShown(), '句容市菌业协会');

    // An edit makes the shared matcher out of date: the tap right after it is worked out over
    // the records as they are, the words just typed included.
    const description = need.getByLabel('描述');
    await description.fill('');
    await description.pressSequentially('想请人来教果树种植');
    await need.getByRole('button', { name: '重新匹配' }).click();
    await need.locator('.match').first().filter({ hasText: '句容市果树协会' }).waitFor();
    await need.getByRole('button', { name: '重新匹配' }).click();
    await need.locator('.match').first().filter({ hasText: '句容市果树协会' }).waitFor();
    assert.equal(await need.locator('.match').count(), 2);
  });
});

// A generated programme: `villages` villages and `orgs` organisations spread over 40 counties of
// 7 cities, three needs or capabilities each.
function programme(villages, orgs) {
  const words = ['中草药种植', '蜂蜜销售', '电商平台', '小额贷款', '民宿开发', '道路硬化', '技能培训', '医疗设备', '茶叶加工', '红色旅游'];
  const categories = ['sales', 'agritech', 'investment', 'tourism', 'finance', 'digital', 'infrastructure', 'training', 'health', 'charity'];
  const region = (i) => ({ province: '江苏省', city: `第${i % 7}市`, county: `第${i % 40}县`, township: `第${i % 97}镇` });
  const [needs, groups, caps] = [100_000, 200_000, 300_000];
  return {
    village: Array.from({ length: villages }, (_, i) => records.village(i, `第${i}村`, '', '', i % 40, '2026-11-01',
      [0, 1, 2].map((k) => [needs + i * 3 + k, categories[(i + k) % 10], `需要${words[(i + 3 * k) % 10]}`, ['high', 'medium', 'low'][(i + k) % 3], 'open']),
      { region: region(i), industries: [words[i % 10]] })),
    org: Array.from({ length: orgs }, (_, j) => records.org(groups + j, `第${j}协会`, '', 1 + (j % 3),
      [0, 1, 2].map((k) => [caps + j * 3 + k, categories[(j * 7 + k) % 10], `提供${words[(j + k) % 10]}`]),
      { region: region(j * 3) })),
  };
}

/** From inside the page: each value a progress bar shows, and each frame painted while one is up. */
function watchProgress(page) {
  return page.evaluate(() => {
    window.__seen = { values: [], frames: 0 };
    new MutationObserver(() => {
      const bar = document.querySelector('progress');
      if (bar && window.__seen.values.at(-1) !== bar.value) window.__seen.values.push(bar.value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    const frame = () => {
      if (document.querySelector('progress')) window.__seen.frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

test('an export with suggestions of 2,000 villages works in slices and suggests for every open need', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const page = await context.newPage();
    await records.seed(page, server.url, programme(2000, 1000));
    await page.goto(server.url + '/data');
    await page.getByRole('checkbox', { name: '附带当前的匹配建议' }).check();
    await watchProgress(page);
    const download = await new DataScreen(page).download(page.getByRole('button', { name: '下载文件' }));
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    const seen = await page.evaluate(() => window.__seen);
    const moving = seen.values.filter((v) => v > 0 && v < 100);
    assert.ok(new Set(moving).size >= 3, `the bar moved through several values: ${seen.values}`);
    assert.deepEqual(moving, [...moving].sort((a, b) => a - b), 'and only forward');
    assert.ok(seen.frames >= moving.length, `the page painted while it worked (${seen.frames} frames)`);
    assert.equal(file.villages.length, 2000);
    const needs = new Set(file.suggestions.map((s) => s.need_id));
    assert.equal(needs.size, 6000, 'every open need of every village has suggestions');
    for (const s of file.suggestions.slice(0, 50)) assert.ok(s.rank >= 1 && s.score > 0);
    await page.getByText(/^已导出/).waitFor();
    await context.close();
  });
});

test('a large plan runs in slices: the progress bar moves and the page keeps painting', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const page = await context.newPage();
    await records.seed(page, server.url, programme(2000, 1000));
    await page.goto(server.url + '/matches');
    const bar = page.getByRole('progressbar', { name: '正在计算方案…' });
    await watchProgress(page);
    await page.getByRole('button', { name: '生成方案' }).click();
    await bar.waitFor();
    await page.getByText(/覆盖 [1-9]\d* 个村/).waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => window.__seen);
    const moving = seen.values.filter((v) => v > 0 && v < 100);
    assert.ok(new Set(moving).size >= 3, `the bar moved through several values: ${seen.values}`);
    assert.deepEqual(moving, [...moving].sort((a, b) => a - b), 'and only forward');
    assert.ok(seen.frames >= moving.length, `the page painted while the plan ran (${seen.frames} frames)`);
    assert.equal(await bar.count(), 0, 'the bar is gone when the plan is shown');
    await context.close();
  });
});
