// Accessibility: axe finds no serious or critical problem on any screen, in either language, no
// screen is wider than the 360 px phone it is shown on, every control is a 44 × 44 px target, and
// the navigation's labels stand apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, crowdedNavigation, phone, seriousViolations, smallTargets, withApp } from './support.mjs';
import * as records from './records.mjs';
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
    await new RecordForm(page).type('可结对村数', '3');
    await new RecordForm(page).addItem('添加能力', '能力 1', '提供宽带网络升级');
    const organizationForm = new URL(page.url()).pathname;
    // A pairing (its card) and a second village the plan can pair (the plan's cards), so that
    // the matches screen and the dashboard show all their controls.
    const [villageId, orgId] = [villageForm, organizationForm].map((p) => p.split('/').pop());
    const other = records.village(1, '东岗村', '句容市', '宝华镇', 5, '2026-11-01', [[2, 'digital', '需要宽带网络升级', 'high', 'open']]);
    const pairing = { ...records.pairing(3, 0, 0, 'signed', 40, 120, '2026-11-02'), village_id: villageId, organization_id: orgId };
    await records.seed(page, server.url, { village: [other], pairing: [pairing] });
    // A village whose place is on the official list: every place field is a picker (issue 15, item 8).
    const placesForm = `/villages/${other.id}`;
    SCREENS.push(villageForm, organizationForm, villageForm + '/report', placesForm);

    for (const [lang, label] of [['zh', null], ['en', 'English']]) {
      if (label) {
        await screen.open(server.url, '/settings');
        await screen.language(label).check();
      }
      for (const path of SCREENS) {
        await screen.open(server.url, path);
        await screen.title().waitFor();
        // A form's place fields are scanned as pickers, once the list of places has been read.
        if (await page.locator('.place-fields').count()) await page.locator('.place-fields[data-places="ready"]').first().waitFor();
        if (path === '/matches') {
          await page.getByRole('button', { name: /生成方案|Make a plan/ }).click();
          await page.locator('.totals').waitFor();
        }
        assert.deepEqual(await seriousViolations(page), [], `${path} (${lang})`);
        assert.deepEqual(await smallTargets(page), [], `${path} (${lang}): controls smaller than 44 × 44 px`);
        assert.deepEqual(await crowdedNavigation(page), [], `${path} (${lang}): navigation labels run together`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `${path} (${lang}) is ${width} px wide: something overflows a 360 px screen`);
        const name = path === placesForm ? '-village-places' : path.endsWith('/report') ? '-village-report' : path.startsWith('/villages/') ? '-village-form' : path.startsWith('/organizations/') ? '-organization-form' : path.replaceAll('/', '-');
        await page.screenshot({ path: artifactPath(`screen-${lang}${name}.png`), fullPage: true });
      }
    }
  });
});
