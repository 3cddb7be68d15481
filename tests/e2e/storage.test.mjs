// Journey: storage trouble. A damaged entry does not stop the app; a full storage loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillStorage, phone, withApp } from './support.mjs';
import { VillagesScreen, RecordForm } from './pages.mjs';

test('a corrupt entry is set aside and reported, and the rest loads', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await new RecordForm(page).type('村名', '好村');
    await page.evaluate(() => localStorage.setItem('qianshou/village/broken', '{"id":"broken","name":'));
    await villages.open(server.url, '/villages');
    await page.getByText('有 1 项本机数据无法读取，已原样另存').waitFor();
    await villages.row('好村').waitFor();
    const kept = await page.evaluate(() => localStorage.getItem('qianshou/quarantine/qianshou/village/broken'));
    assert.equal(kept, '{"id":"broken","name":', 'kept as it was, not deleted');
  });
});

test('when storage is full the edit stays on screen, the user is told, and the saved copy is intact', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await form.type('村名', '马埂村');
    const path = new URL(page.url()).pathname;

    // Another site's worth of data on this origin: fill storage to the last few characters.
    await fillStorage(page);
    await form.field('备注').pressSequentially('很长的备注内容，存储已满时也不能丢');
    await page.getByRole('alert').filter({ hasText: '本机存储已满' }).waitFor();
    assert.equal(await form.field('备注').inputValue(), '很长的备注内容，存储已满时也不能丢', 'the edit is still on screen');

    // The last saved copy is whole: free the space and reload.
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler/')).forEach((k) => localStorage.removeItem(k)));
    await page.goto(server.url + path);
    assert.equal(await form.field('村名').inputValue(), '马埂村');
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('qianshou/village/')).map((k) => JSON.parse(localStorage.getItem(k))),
    );
    assert.equal(stored.length, 1);
    assert.equal(stored[0].name, '马埂村');
  });
});

test('storage from a newer version of the app is read-only: nothing typed or added is written', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await form.type('村名', '马埂村');
    const path = new URL(page.url()).pathname;
    await page.evaluate(() => localStorage.setItem('qianshou/schema', '99'));
    const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

    await page.goto(server.url + path);
    await page.getByRole('alert').filter({ hasText: '本机数据由更新版本的牵手写入' }).waitFor();
    assert.ok(await form.field('备注').isDisabled(), 'the form takes no typing');
    assert.ok(await form.field('村名').isDisabled());
    await villages.open(server.url, '/villages');
    assert.ok(await page.getByRole('button', { name: '新增村庄' }).isDisabled(), 'no new village can be made');
    await page.getByRole('button', { name: '新增村庄' }).click({ force: true });
    await page.goto(server.url + path);
    const after = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    assert.equal(after, before, 'storage is exactly as the newer version left it');
  });
});
