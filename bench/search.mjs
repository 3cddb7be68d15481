// The list search in the browser at 2,000 villages with 4x CPU throttling (not a test: it prints
// figures). Run by bench/run.sh search-browser [VILLAGES] (it builds the app first).
import { phone, withApp } from '../tests/e2e/support.mjs';
import * as records from '../tests/e2e/records.mjs';

const n = Number(process.argv[2] || 2000);
const CHARS = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛东西南北上下大小新老长安平和兴隆丰家山河湖塘桥岗埂坝湾庄店集沟岭冲洼圩铺寨堡';
let seed = 7;
const pick = () => CHARS[(seed = (seed * 1103515245 + 12345) % 2147483648) % CHARS.length];
const village = [];
for (let i = 0; i < n; i++) {
  const name = i === n >> 1 ? '马埂村' : pick() + pick() + (i % 2 ? pick() : '') + '村';
  village.push(records.village(i + 1, name, '句容市', pick() + pick() + '镇', 20, '2026-11-01', []));
}

await withApp(async ({ server, browser }) => {
  const page = await (await phone(browser)).newPage();
  await records.seed(page, server.url, { village });
  await page.goto(server.url + '/villages');
  await page.waitForFunction(() => performance.getEntriesByName('qianshou:lexicon').length > 0, null, { timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const box = page.getByRole('searchbox');
  for (const word of ['mgc', 'magengcun', '马埂']) {
    await box.fill('');
    await page.waitForTimeout(300);
    const times = [];
    for (let i = 1; i <= word.length; i++) {
      const typed = word.slice(0, i);
      // From the input event to the frame after the list has been redrawn.
      const ms = await page.evaluate(async (typed) => {
        const el = document.querySelector('input[type=search]');
        const t0 = performance.now();
        el.value = typed;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        return performance.now() - t0;
      }, typed);
      times.push(`${typed} ${ms.toFixed(0)} ms`);
    }
    console.log(`${n} villages, 4x throttled: ${times.join(', ')}; shown: ${await page.locator('.cards .card-title').count()}`);
  }
  for (const label of ['名称（拼音）', '乡镇', '最近修改', '名称（拼音）', '最近修改']) {
    await box.fill('');
    const t0 = Date.now();
    await page.getByLabel('排序', { exact: true }).selectOption({ label });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
    console.log(`order ${label}: ${Date.now() - t0} ms (including the tap, 100 rows redrawn)`);
  }
});
