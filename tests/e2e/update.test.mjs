// Journey: a new version is published while a survey is open. It must wait for the surveyor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { phone, waitForServiceWorker, withApp } from './support.mjs';
import { SettingsScreen, UpdateBanner } from './pages.mjs';

test('a new version waits, is offered, and takes over only when the user taps update', async () => {
  await withApp(async ({ server, browser, dir }) => {
    const page = await (await phone(browser)).newPage();
    const screen = new SettingsScreen(page);
    await screen.open(server.url, '/settings');
    await waitForServiceWorker(page);
    await screen.surveyor().pressSequentially('李四');
    const before = await page.evaluate(() => caches.keys());
    assert.equal(before.length, 1);

    // Publish a new build: its service worker differs, as every new build's does.
    const swPath = join(dir, 'sw.js');
    writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'"));
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

    const banner = new UpdateBanner(page);
    await banner.updateNow().waitFor({ timeout: 30_000 });
    // Nothing was swapped silently: same document, same screen, same old cache in charge.
    assert.equal(await page.evaluate(() => window.__sameDocument), true);
    assert.equal(await screen.surveyor().inputValue(), '李四');
    assert.deepEqual(await page.evaluate(() => caches.keys()).then((k) => k.filter((n) => before.includes(n))), before);

    await Promise.all([page.waitForEvent('load'), banner.updateNow().click()]);
    await screen.nav.waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), undefined, 'the page reloaded into the new version');
    await page.waitForFunction(async () => {
      const names = await caches.keys();
      return names.length === 1 && names[0].endsWith('next');
    }, null, { timeout: 15_000 });
    assert.equal(await screen.surveyor().inputValue(), '李四', 'nothing typed was lost');
    assert.equal(await banner.box.count(), 0);
  });
});
