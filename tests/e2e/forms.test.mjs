// Journey: the village form on a phone (issue 15): folded sections with a jump bar, a need's
// status only once it has a pairing, and a warning when the same village is recorded twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, phone, seriousViolations, withApp } from './support.mjs';
import { VillagesScreen, RecordForm } from './pages.mjs';

test('the village form folds: a short first screen, a jump bar, and a need status only once paired', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await form.type('村名', '马埂村');
    const n1 = await form.addItem('添加需求', '需求 1', '需要中草药种植专家指导');

    // Land and economy and the contact are folded; the basics and the needs are open.
    assert.equal(await page.locator('details#basics').getAttribute('open'), '');
    assert.equal(await page.locator('details#economy').getAttribute('open'), null);
    assert.equal(await page.locator('details#contact').getAttribute('open'), null);
    assert.equal(await form.field('户籍人口').isVisible(), false);
    assert.equal(await form.field('电话').isVisible(), false);
    // Unpaired, a need has no status to choose.
    assert.equal(await n1.getByLabel('状态').count(), 0, 'no status before a pairing');
    const screens = await page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
    assert.ok(screens <= 4, `the form with one need is ${screens.toFixed(1)} screens tall`);
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('village-form-folded-zh.png'), fullPage: true });

    // The jump bar opens a folded section and brings it into view.
    const bar = page.getByRole('navigation', { name: '跳到' });
    await bar.getByRole('button', { name: '经济' }).click();
    await form.field('户籍人口').waitFor({ state: 'visible' });
    assert.ok(await form.field('户籍人口').isVisible());
    await bar.getByRole('button', { name: '联系人' }).click();
    await form.field('电话').waitFor({ state: 'visible' });
    // Tapping a section's title folds and unfolds it too.
    await page.locator('details#economy > summary').click();
    assert.equal(await form.field('户籍人口').isVisible(), false);
    for (const name of ['基本', '经济', '需求', '联系人']) {
      const box = await bar.getByRole('button', { name }).boundingBox();
      assert.ok(box.height >= 44, `${name} is a 44 px target (${box.height})`);
    }
  });
});

test('recording the same village twice is noticed, in either script, and the first is one tap away', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await form.type('村名', '马埂村');
    await form.type('县（区）', '句容市');
    await form.type('乡镇（街道）', '宝华镇');
    const first = page.url();
    assert.equal(await page.getByTestId('same-village').count(), 0, 'one record is no twin');

    await villages.go('村庄');
    await villages.add();
    await form.type('村名', '馬埂村');
    await form.type('县（区）', '句容');
    assert.equal(await page.getByTestId('same-village').count(), 1, 'same name, same county, no township yet');
    await form.type('乡镇（街道）', '下蜀镇');
    assert.equal(await page.getByTestId('same-village').count(), 0, 'another township: another village');
    await form.type('乡镇（街道）', '宝华');
    const warning = page.getByTestId('same-village');
    await warning.waitFor();
    assert.match(await warning.textContent(), /同名的村/);
    await warning.getByRole('link', { name: '打开已有的记录' }).click();
    await page.waitForURL(first);
    assert.equal(await form.field('村名').inputValue(), '马埂村');
  });
});

test('a village with no name yet is left out of the file, listed in words with a link to it', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await form.type('县（区）', '句容市');
    const at = page.url();
    await villages.go('数据');
    const note = page.getByRole('note').filter({ hasText: '以下记录信息不完整，这次不导出' });
    await note.waitFor();
    assert.match(await note.textContent(), /不能为空/);
    await note.getByRole('link').click();
    await page.waitForURL(at);
  });
});
