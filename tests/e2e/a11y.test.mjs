// Accessibility: axe finds no serious or critical problem on any screen, in either language, and
// no screen is wider than the 360 px phone it is shown on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, phone, seriousViolations, withApp } from './support.mjs';
import { SettingsScreen, VillagesScreen, OrganizationsScreen, RecordForm } from './pages.mjs';

const SCREENS = ['/villages', '/organizations', '/matches', '/dashboard', '/data', '/settings', '/no-such-screen'];

test('every screen passes axe (serious and critical) at 360 px, in Chinese and English', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const screen = new SettingsScreen(page);
    // The forms too, with an item each, so the item editors are scanned.
    const villages = new VillagesScreen(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await new RecordForm(page).addItem('添加需求', '需求 1', '村里宽带太慢');
    const villageForm = new URL(page.url()).pathname;
    const orgs = new OrganizationsScreen(page);
    await orgs.open(server.url, '/organizations');
    await orgs.add();
    await new RecordForm(page).addItem('添加能力', '能力 1', '提供宽带网络升级');
    const organizationForm = new URL(page.url()).pathname;
    SCREENS.push(villageForm, organizationForm, villageForm + '/report');

    for (const [lang, label] of [['zh', null], ['en', 'English']]) {
      if (label) {
        await screen.open(server.url, '/settings');
        await screen.language(label).check();
      }
      for (const path of SCREENS) {
        await screen.open(server.url, path);
        await screen.title().waitFor();
        assert.deepEqual(await seriousViolations(page), [], `${path} (${lang})`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${path} (${lang}) is ${width} px wide: something overflows a 360 px screen`);
        const name = path.endsWith('/report') ? '-village-report' : path.startsWith('/villages/') ? '-village-form' : path.startsWith('/organizations/') ? '-organization-form' : path.replaceAll('/', '-');
        await page.screenshot({ path: artifactPath(`screen-${lang}${name}.png`), fullPage: true });
      }
    }
  });
});
