// Journey: the coordinator reports upward. A seeded programme shows the right figures, follows the
// county filter, lists what needs attention, and prints a one-village report. Screenshots of the
// dashboard and of the report at 360 px and as an A4 page are kept in test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, phone, seriousViolations, withApp } from './support.mjs';
import { Shell, VillagesScreen } from './pages.mjs';
import { org, pairing, seed, uuid, village } from './records.mjs';

const day = (daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
// The programme of core/tests/dashboard.rs, with dates relative to today.
const PROGRAMME = {
  village: [
    village(1, '马埂村', '句容市', '宝华镇', 8.5, day(82), [[11, 'agritech', '需要中草药种植专家指导', 'high', 'open'], [12, 'sales', '蜂蜜销路', 'medium', 'matched']]),
    village(2, '东岗村', '句容市', '下蜀镇', 30, day(99), [[13, 'tourism', '民宿运营', 'low', 'met']]),
    village(3, '西岗村', '丹徒区', '高资街道', 5, day(12), [[14, 'health', '乡村诊所', 'high', 'open'], [15, 'training', '电商培训', 'medium', 'open']]),
    village(4, '南山村', '丹徒区', '高资街道', null, day(52), [[16, 'finance', '小额贷款', 'medium', 'open']]),
  ],
  org: [
    org(21, '镇江市中药材协会', '句容市', 2, [[31, 'agritech', '中草药种植技术指导']]),
    org(22, '镇江市某商会', '', 3, [[32, 'sales', '发动会员单位收购农产品']]),
    org(23, '农商银行', '丹徒区', 1, [[33, 'finance', '小额信贷']]),
  ],
  pairing: [
    pairing(41, 1, 21, 'signed', 390, 210, day(60)),
    pairing(42, 2, 22, 'completed', 40, 30, day(80)),
    pairing(43, 4, 23, 'intent', 1000, null, ''),
    pairing(44, 4, 22, 'cancelled', 500, null, ''),
  ],
};

const figure = (page, label) => page.getByRole('group', { name: label, exact: true }).locator('.figure-value');

test('the dashboard of a seeded programme shows the right figures, filters, and attention list', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await seed(page, server.url, PROGRAMME);
    const shell = new Shell(page);
    await shell.open(server.url, '/villages');
    await shell.go('概览');
    assert.equal(await shell.title().textContent(), '工作概览');
    const expected = {
      调研村庄: '4', 其中薄弱村: '2', 参与组织: '3', 结对项目: '3',
      待对接需求: '4', 已对接需求: '1', 已解决需求: '1', '投入金额（万元）': '430', 受益人数: '240',
    };
    for (const [label, value] of Object.entries(expected)) {
      assert.equal(await figure(page, label).textContent(), value, label);
    }
    // Charts: SVG images that say their values.
    const coverage = page.getByRole('img', { name: /各县（区）有结对的村庄占比/ });
    assert.match(await coverage.getAttribute('aria-label'), /丹徒区: 1\/2 村（50%）; 句容市: 1\/2 村（50%）/);
    assert.match(await page.getByRole('img', { name: /结对进展/ }).getAttribute('aria-label'), /意向: 3; 已签约: 2; 实施中: 1; 已完成: 1/);
    assert.match(await page.getByRole('img', { name: /需求按五大行动/ }).getAttribute('aria-label'), /产业振兴: 4; 环境共治: 0; 人才培养: 1; 扶弱济困: 1/);
    // Attention.
    const attention = page.getByRole('region', { name: '需要关注' });
    await attention.getByText('尚无结对的薄弱村（1）').waitFor();
    await attention.getByRole('link', { name: '西岗村' }).waitFor();
    await attention.getByRole('link', { name: /马埂村：需要中草药种植专家指导（已 82 天）/ }).waitFor();
    await attention.getByRole('link', { name: '镇江市某商会（剩余名额 3）' }).waitFor();
    await attention.getByText('尚未导出的记录：11 条').waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('dashboard-zh-360.png'), fullPage: true });

    // One county: the figures and the coverage chart follow.
    await page.getByLabel('县区').selectOption('句容市');
    assert.equal(await figure(page, '调研村庄').textContent(), '2');
    assert.equal(await figure(page, '其中薄弱村').textContent(), '1');
    assert.equal(await figure(page, '投入金额（万元）').textContent(), '430');
    assert.match(
      await page.getByRole('img', { name: /各乡镇有结对的村庄占比/ }).getAttribute('aria-label'),
      /下蜀镇: 0\/1 村（0%）; 宝华镇: 1\/1 村（100%）/,
    );
    // A date range: only what was surveyed and signed in the last 70 days.
    await page.getByLabel('县区').selectOption('');
    await page.getByLabel('起始日期').fill(day(70));
    await page.getByLabel('起始日期').dispatchEvent('change');
    assert.equal(await figure(page, '调研村庄').textContent(), '2', '西岗村 and 南山村');
    assert.equal(await figure(page, '投入金额（万元）').textContent(), '390', 'p1 signed 60 days ago');

    // In English it reads as well.
    await shell.go('设置');
    await page.getByRole('radio', { name: 'English' }).check();
    await shell.go('Overview');
    await page.getByRole('group', { name: 'Villages surveyed', exact: true }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('dashboard-en-360.png'), fullPage: true });
  });
});

test('a county recorded short in older records and full by the picker is one county in both filters', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    // 东岗村 was recorded before the place pickers (句容, 下蜀); 马埂村 with them (句容市, 宝华镇).
    const older = structuredClone(PROGRAMME);
    older.village[1].region.county = '句容';
    older.village[1].region.township = '下蜀';
    await seed(page, server.url, older);
    const shell = new Shell(page);
    await shell.open(server.url, '/villages');
    const county = () => page.getByLabel('县区', { exact: true });
    const counties = async () => county().locator('option').allTextContents();
    const expected = ['全部县区', '丹徒区', '句容市'];

    // The villages list: one 句容市, and it shows both villages.
    assert.deepEqual(await counties(), expected);
    await county().selectOption('句容市');
    const villages = new VillagesScreen(page);
    await villages.row('马埂村').waitFor();
    await villages.row('东岗村').waitFor();
    assert.equal(await villages.row('西岗村').count(), 0);

    // The dashboard: the same one option, both villages counted, one coverage bar per place.
    await shell.go('概览');
    assert.deepEqual(await counties(), expected);
    assert.match(await page.getByRole('img', { name: /各县（区）有结对的村庄占比/ }).getAttribute('aria-label'), /丹徒区: 1\/2 村（50%）; 句容市: 1\/2 村（50%）/);
    await county().selectOption('句容市');
    assert.equal(await figure(page, '调研村庄').textContent(), '2');
    assert.deepEqual(await page.getByLabel('乡镇（街道）').locator('option').allTextContents(), ['全部乡镇', '下蜀', '宝华镇']);
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('dashboard-one-county-360.png'), fullPage: true });
  });
});

test('a one-village report reads on a phone and prints on A4', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await seed(page, server.url, PROGRAMME);
    await page.goto(`${server.url}/villages/${uuid(1)}`);
    await page.getByRole('link', { name: '村情报告（可打印）' }).click();
    await page.getByRole('heading', { level: 1, name: '马埂村' }).waitFor();
    const report = page.locator('article.report');
    await report.getByText('村情与需求 · 一村一策').waitFor();
    assert.match(await report.textContent(), /8.5 万元（薄弱村）/);
    const suggestions = page.getByRole('region', { name: '匹配建议' });
    await suggestions.getByRole('heading', { name: '需要中草药种植专家指导' }).waitFor();
    assert.match(await suggestions.locator('li').first().textContent(), /^镇江市中药材协会：中草药种植技术指导（匹配度 \d+%）/);
    const pairings = page.getByRole('region', { name: '结对项目' });
    assert.match(await pairings.textContent(), /镇江市中药材协会 · 已签约 · 签约日期 .* · 金额 390 万元 · 受益人数 210 人/);
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('report-zh-360.png'), fullPage: true });

    // Printed: A4, no navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    assert.equal(await page.getByRole('navigation').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: '打印 / 存为 PDF' }).isVisible(), false);
    await page.screenshot({ path: artifactPath('report-zh-a4.png'), fullPage: true });
    const pdf = await page.pdf({ path: artifactPath('report-zh-a4.pdf'), format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, 'one A4 page');
  });
});
