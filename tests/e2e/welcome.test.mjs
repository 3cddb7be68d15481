// Journey: the first start (issue 15, item 13): what the app is for, its three steps and the
// surveyor's name and unit, once; skipping it ends it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, phone, seriousViolations, withApp } from './support.mjs';
import { SettingsScreen, VillagesScreen } from './pages.mjs';

test('a newcomer is welcomed once, says who is surveying, and is not asked again', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    await villages.open(server.url, '/villages');
    const welcome = page.getByRole('region', { name: '欢迎使用牵手' });
    await welcome.waitFor();
    assert.equal(await welcome.getByRole('listitem').count(), 3, 'survey, match, hand on');
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('welcome-zh.png'), fullPage: true });
    await welcome.getByLabel('你的姓名（写进导出的文件）').pressSequentially('张三');
    await welcome.getByLabel('所在单位（可不填）').pressSequentially('宝华镇人民政府');
    await welcome.getByRole('button', { name: '开始使用' }).click();
    await welcome.waitFor({ state: 'detached' });

    const settings = new SettingsScreen(page);
    await settings.go('设置');
    assert.equal(await settings.surveyor().inputValue(), '张三');
    assert.equal(await page.getByLabel('所在单位（可不填）').inputValue(), '宝华镇人民政府');
    await page.reload();
    await settings.go('村庄');
    await page.getByRole('heading', { name: '村庄调研', level: 1 }).waitFor();
    assert.equal(await welcome.count(), 0, 'shown once');
  });
});

test('skipping the welcome ends it and keeps no name', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    await villages.open(server.url, '/villages');
    const welcome = page.getByRole('region', { name: '欢迎使用牵手' });
    await welcome.getByLabel('你的姓名（写进导出的文件）').pressSequentially('张');
    await welcome.getByRole('button', { name: '跳过' }).click();
    await welcome.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: '村庄调研', level: 1 }).waitFor();
    assert.equal(await welcome.count(), 0, 'not shown again');
    const settings = new SettingsScreen(page);
    await settings.go('设置');
    assert.equal(await settings.surveyor().inputValue(), '', 'a half-typed name skipped is not kept');
  });
});
