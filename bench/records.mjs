// Benchmark of survey storage (not a test): 2,000 villages with 5 needs each in local storage.
//
//   node bench/records.mjs [VILLAGES]      (bench/run.sh records builds first)
//
// Prints the share of the storage quota used, the time to open the village list, and the time to
// save one edit in a village form (the input handler, which writes the record, and the time until
// the next frame), in headless Chromium at 360 px, with and without 4x CPU throttling.
import { phone, withApp } from '../tests/e2e/support.mjs';
import { NEEDS, village } from './generate.mjs';

const VILLAGES = Number(process.argv[2] || 2000);
const QUOTA = 5_242_880;

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
