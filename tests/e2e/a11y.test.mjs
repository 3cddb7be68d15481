// Accessibility: axe finds no serious or critical problem on any screen, in either language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyOfDist, serve, launch, phone, seriousViolations, artifactPath } from './support.mjs';
import { SettingsScreen } from './pages.mjs';

const SCREENS = ['/villages', '/organizations', '/matches', '/data', '/settings', '/no-such-screen'];

test('every screen passes axe (serious and critical) at 360 px, in Chinese and English', async () => {
  const server = await serve(copyOfDist());
  const browser = await launch();
  try {
    const page = await (await phone(browser)).newPage();
    const screen = new SettingsScreen(page);
    for (const [lang, label] of [['zh', null], ['en', 'English']]) {
      if (label) {
        await screen.open(server.url, '/settings');
        await screen.language(label).check();
      }
      for (const path of SCREENS) {
        await screen.open(server.url, path);
        await screen.title().waitFor();
        assert.deepEqual(await seriousViolations(page), [], `${path} (${lang})`);
        await page.screenshot({ path: artifactPath(`screen-${lang}${path.replaceAll('/', '-')}.png`), fullPage: true });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
});
