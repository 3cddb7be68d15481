// Journey: the app open in two tabs (or a tab and the installed app) at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phone, withApp } from './support.mjs';
import { VillagesScreen, RecordForm } from './pages.mjs';

async function newVillage(page, base, name) {
  const villages = new VillagesScreen(page);
  await villages.open(base, '/villages');
  await villages.add();
  await new RecordForm(page).type('村名', name);
  return new URL(page.url()).pathname;
}

test('two tabs editing different villages both keep their edits', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const a = await context.newPage();
    const b = await context.newPage();
    const pathA = await newVillage(a, server.url, '甲村');
    const pathB = await newVillage(b, server.url, '乙村');
    const formA = new RecordForm(a);
    const formB = new RecordForm(b);
    // Interleaved typing, as two people sharing a phone's tabs would never do, but two windows may.
    await formA.field('备注').pressSequentially('甲的备注');
    await formB.field('备注').pressSequentially('乙的备注');
    await formA.type('县（区）', '句容市');
    await formB.type('县（区）', '丹徒区');

    // The other tab's list shows both villages without a reload.
    await new VillagesScreen(a).go('村庄');
    await new VillagesScreen(a).row('乙村').waitFor();

    for (const [page, path, name, note] of [[a, pathA, '甲村', '甲的备注'], [b, pathB, '乙村', '乙的备注']]) {
      await page.goto(server.url + path);
      const form = new RecordForm(page);
      assert.equal(await form.field('村名').inputValue(), name);
      assert.equal(await form.field('备注').inputValue(), note);
    }
  });
});

test('the same village in two tabs: the later edit wins and the other tab is told', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const a = await context.newPage();
    const path = await newVillage(a, server.url, '马埂村');
    const b = await context.newPage();
    await b.goto(server.url + path);
    const formA = new RecordForm(a);
    const formB = new RecordForm(b);
    assert.equal(await formB.field('村名').inputValue(), '马埂村');

    await formA.type('乡镇（街道）', '宝华镇');
    await b.getByText('这条记录刚在另一个窗口中被修改').waitFor();
    assert.equal(await formB.field('乡镇（街道）').inputValue(), '宝华镇', 'B shows the newer copy');

    await formB.type('户籍人口', '2100');
    await a.getByText('这条记录刚在另一个窗口中被修改').waitFor();
    assert.equal(await formA.field('户籍人口').inputValue(), '2100');
    assert.equal(await formA.field('乡镇（街道）').inputValue(), '宝华镇', 'neither edit was lost');
  });
});

test('two tabs typing in different fields of one village at once keep every character', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const a = await context.newPage();
    const path = await newVillage(a, server.url, '马埂村');
    const b = await context.newPage();
    await b.goto(server.url + path);
    const formA = new RecordForm(a);
    const formB = new RecordForm(b);
    await formB.field('村名').waitFor();
    // Both at once, key by key: each tab's writes reach the other while it is typing.
    const county = '句容市下蜀镇东';
    const notes = '两个窗口同时在填这个村';
    await Promise.all([
      formA.field('县（区）').pressSequentially(county, { delay: 20 }),
      formB.field('备注').pressSequentially(notes, { delay: 20 }),
    ]);
    for (const page of [a, b]) {
      const form = new RecordForm(page);
      // Storage events are asynchronous: wait for the other tab's last write to arrive.
      const shows = async (label, value) =>
        page.waitForFunction(
          ([l, v]) => [...document.querySelectorAll('label')].some((x) => x.textContent === l && document.getElementById(x.htmlFor)?.value === v),
          [label, value],
          { timeout: 5_000 },
        ).catch(() => {});
      await shows('县（区）', county);
      await shows('备注', notes);
      assert.equal(await form.field('县（区）').inputValue(), county, 'on each tab\'s own screen');
      assert.equal(await form.field('备注').inputValue(), notes);
    }
    await a.reload();
    assert.equal(await formA.field('县（区）').inputValue(), county, 'and in storage');
    assert.equal(await formA.field('备注').inputValue(), notes);
  });
});
