// Journey: a surveyor opens the app once with signal, then uses it in a village with none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { phone, waitForServiceWorker, watch, withApp } from './support.mjs';
import { SettingsScreen } from './pages.mjs';

test('after one visit the app starts offline and keeps what was typed', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const log = watch(context);
    const page = await context.newPage();
    const screen = new SettingsScreen(page);

    await screen.open(server.url);
    assert.equal(await screen.title().textContent(), '村庄调研', 'Chinese is the default');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await waitForServiceWorker(page);
    assert.equal(await page.getByRole('alert').filter({ hasText: '无法把牵手保存下来离线使用' }).count(), 0, 'no false alarm');

    await screen.go('设置');
    assert.equal(await screen.title().textContent(), '设置');
    await screen.language('English').check();
    assert.equal(await screen.title().textContent(), 'Settings', 'the language switches at once');
    await screen.surveyor().pressSequentially('张三');

    // No network at all: the static server is gone, not merely "offline" in the page.
    await server.stop();
    await page.reload();
    await screen.nav.waitFor();
    assert.equal(await screen.title().textContent(), 'Settings');
    assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the language is remembered');
    assert.equal(await screen.surveyor().inputValue(), '张三', 'the name typed before is there');

    // Any screen opens offline from its own address, not only the one that was open.
    await page.goto(server.url + '/organizations');
    assert.equal(await screen.title().textContent(), 'Associations and enterprises');
    await screen.go('Villages');
    assert.equal(await screen.title().textContent(), 'Village surveys');

    assert.deepEqual(log.foreign(server.url), [], 'every request stays on the app origin');
    assert.ok(log.requests.length > 0);
    const blocked = log.errors.filter((e) => /Content Security Policy|Refused to/i.test(e));
    assert.deepEqual(blocked, [], 'the CSP blocks nothing the app needs');
  });
});

test('when the app cannot be kept for offline use, it says so before the signal is gone', async () => {
  await withApp(async ({ server, browser, dir }) => {
    // The service worker cannot be fetched, so registration fails.
    rmSync(join(dir, 'sw.js'));
    const page = await (await phone(browser)).newPage();
    const screen = new SettingsScreen(page);
    await screen.open(server.url);
    await page.getByRole('alert').filter({ hasText: '无法把牵手保存下来离线使用' }).waitFor();
    // The app itself still works.
    await screen.go('设置');
    assert.equal(await screen.title().textContent(), '设置');
  });
});
