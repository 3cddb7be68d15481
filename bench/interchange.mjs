// Benchmark of export and import (not a test): 2,000 villages with 5 needs each.
//
//   node bench/interchange.mjs [VILLAGES]      (bench/run.sh interchange builds first)
//
// Prints the file's size and, in headless Chromium at 360 px with and without 4x CPU throttling:
// the time from the tap on "download" to the download (the whole file made in wasm), and on a
// fresh profile the time from picking the file to the preview (read, check every record, preview)
// and from "import" to done (write every record, keep the undo, reload).
import { readFileSync } from 'node:fs';
import { phone, withApp } from '../tests/e2e/support.mjs';
import { NEEDS, village } from './generate.mjs';
import { DataScreen } from '../tests/e2e/pages.mjs';

const VILLAGES = Number(process.argv[2] || 2000);
const records = Array.from({ length: VILLAGES }, (_, i) => village(i));

async function measure(browser, url, throttle) {
  const context = await phone(browser);
  const page = await context.newPage();
  await page.goto(url + '/settings');
  await page.evaluate((entries) => {
    for (const [k, v] of entries) localStorage.setItem(k, v);
  }, records.map((v) => [`qianshou/village/${v.id}`, JSON.stringify(v)]));
  const data = new DataScreen(page);
  await data.open(url, '/data');
  await page.getByText(`文件将包含：${VILLAGES} 个村庄`).waitFor({ timeout: 120_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  let t0 = Date.now();
  const download = await data.download(page.getByRole('button', { name: '下载文件' }));
  const path = await download.path();
  const exportMs = Date.now() - t0;
  // The download goes when its context closes.
  const buffer = readFileSync(path);
  await context.close();

  const fresh = await phone(browser);
  // Notes, in the page, when the check starts and when the preview shows: the time Playwright
  // takes to hand the file over is not the app's.
  await fresh.addInitScript(() => {
    new MutationObserver(() => {
      const text = document.body ? document.body.innerText : '';
      if (window.__checkAt === undefined && text.includes('正在检查文件')) window.__checkAt = performance.now();
      if (window.__previewAt === undefined && text.includes('村庄：新增')) window.__previewAt = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const other = await fresh.newPage();
  const theirs = new DataScreen(other);
  await theirs.open(url, '/data');
  const cdp2 = await fresh.newCDPSession(other);
  await cdp2.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  t0 = Date.now();
  await theirs.pick({ name: 'big.json', mimeType: 'application/json', buffer });
  await other.getByText(`村庄：新增 ${VILLAGES}`).waitFor({ timeout: 300_000 });
  const previewMs = await other.evaluate(() => Math.round(window.__previewAt - window.__checkAt));
  t0 = Date.now();
  await other.getByRole('button', { name: '确认导入' }).click();
  await other.getByText(`已导入：写入 ${VILLAGES} 条记录。`).waitFor({ timeout: 300_000 });
  const importMs = Date.now() - t0;
  await fresh.close();
  return { bytes: buffer.length, exportMs, previewMs, importMs };
}

await withApp(async ({ server, browser }) => {
  const fast = await measure(browser, server.url, 1);
  const slow = await measure(browser, server.url, 4);
  console.log(`| ${VILLAGES} villages × ${NEEDS} needs (file ${(fast.bytes / 1048576).toFixed(1)} MiB) | no throttling | 4x CPU throttling |\n|---|---:|---:|`);
  console.log(`| export: tap to download | ${fast.exportMs} ms | ${slow.exportMs} ms |`);
  console.log(`| import: file received to preview (read and check all) | ${fast.previewMs} ms | ${slow.previewMs} ms |`);
  console.log(`| import: confirm to done (write all, keep undo, reload) | ${fast.importMs} ms | ${slow.importMs} ms |`);
});
