// Benchmark of survey storage (not a test): 2,000 villages with 5 needs each in local storage.
//
//   node bench/records.mjs [VILLAGES]      (scripts/bench-records.sh builds first)
//
// Prints the share of the storage quota used, the time to open the village list, and the time to
// save one edit in a village form (the input handler, which writes the record, and the time until
// the next frame), in headless Chromium at 360 px, with and without 4x CPU throttling.
import { randomUUID } from 'node:crypto';
import { launch, phone, withApp } from '../tests/e2e/support.mjs';

const VILLAGES = Number(process.argv[2] || 2000);
const NEEDS = 5;
const QUOTA = 5_242_880;
const CATEGORIES = ['sales', 'agritech', 'investment', 'tourism', 'finance', 'digital', 'infrastructure', 'training'];
const TOWNS = ['宝华镇', '下蜀镇', '白兔镇', '边城镇', '茅山镇', '后白镇', '郭庄镇', '天王镇'];
const COUNTIES = ['句容市', '丹徒区', '扬中市', '丹阳市'];

function village(i) {
  const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString().replace('Z', '+00:00');
  return {
    id: randomUUID(),
    name: `第${i}村`,
    region: { province: '江苏省', city: '镇江市', county: COUNTIES[i % 4], township: TOWNS[i % 8] },
    location: { lat: 32 + (i % 100) / 1000, lon: 119 + (i % 77) / 1000 },
    population: 1500 + (i % 900),
    households: 400 + (i % 300),
    collective_income_wan: (i % 40) + 0.5,
    arable_land_mu: 1000 + (i % 500),
    forest_land_mu: 300 + (i % 200),
    industries: ['中草药', '蜂蜜'],
    resources: ['450亩闲置林地', '红色旅游点'],
    contact: { name: '张三', role: '第一书记', phone: '13800000000' },
    needs: Array.from({ length: NEEDS }, (_, k) => ({
      id: randomUUID(),
      category: CATEGORIES[(i + k) % CATEGORIES.length],
      description: '需要中草药种植专家指导，帮助村民提高产量和收入',
      priority: ['high', 'medium', 'low'][k % 3],
      quantity: k % 2 ? 40 : null,
      unit: k % 2 ? '万元' : '',
      status: 'open',
    })),
    notes: '',
    surveyed_on: '2026-11-01',
    created_at: at,
    updated_at: at,
    deleted: false,
  };
}

const records = Array.from({ length: VILLAGES }, (_, i) => village(i));

// Notes when the list first shows its count line with the full number of villages.
const MARK_LIST = (n) => {
  new MutationObserver((_, observer) => {
    const count = document.querySelector('.count');
    if (count && count.textContent.includes(String(n))) {
      window.__listAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

async function measure(browser, url, throttle) {
  const context = await phone(browser);
  await context.addInitScript(MARK_LIST, VILLAGES);
  const page = await context.newPage();
  await page.goto(url + '/settings');
  await page.evaluate((entries) => {
    for (const [k, v] of entries) localStorage.setItem(k, v);
  }, records.map((v) => [`qianshou/village/${v.id}`, JSON.stringify(v)]));
  const used = await page.evaluate(() => {
    let n = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      n += k.length + localStorage.getItem(k).length;
    }
    return n;
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(url + '/villages');
  await page.waitForFunction(() => window.__listAt !== undefined, null, { timeout: 120_000 });
  const openList = await page.evaluate(() => window.__listAt);

  await page.goto(url + `/villages/${records[VILLAGES >> 1].id}`);
  const name = page.getByLabel('村名', { exact: true });
  await name.waitFor();
  const edits = await name.evaluate(async (input) => {
    const times = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      input.value = input.value + (i % 2 ? '村' : '');
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const handled = performance.now();
      await new Promise((r) => requestAnimationFrame(() => r()));
      times.push([handled - t0, performance.now() - t0]);
    }
    return times;
  });
  await context.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return {
    used,
    openList,
    save: median(edits.map((e) => e[0])),
    frame: median(edits.map((e) => e[1])),
  };
}

await withApp(async ({ server, browser }) => {
  console.log(`| ${VILLAGES} villages × ${NEEDS} needs | no throttling | 4x CPU throttling |\n|---|---:|---:|`);
  const fast = await measure(browser, server.url, 1);
  const slow = await measure(browser, server.url, 4);
  console.log(`| storage used | ${((fast.used / QUOTA) * 100).toFixed(1)}% of ${QUOTA} units (${(fast.used / VILLAGES).toFixed(0)} per village) | |`);
  console.log(`| open the village list | ${fast.openList.toFixed(0)} ms | ${slow.openList.toFixed(0)} ms |`);
  console.log(`| save one edit (input handler incl. localStorage write), median of 21 | ${fast.save.toFixed(1)} ms | ${slow.save.toFixed(1)} ms |`);
  console.log(`| edit to next frame, median of 21 | ${fast.frame.toFixed(1)} ms | ${slow.frame.toFixed(1)} ms |`);
});
