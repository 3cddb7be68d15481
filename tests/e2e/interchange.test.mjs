// Journey: hand data on. Export a file (captured as a download), check it against the schema the
// app serves, import it on a fresh browser profile, undo; hostile files get a clear "no" and
// change nothing; a full storage still exports; spreadsheets carry a byte-order mark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { phone, withApp, seriousViolations, artifactPath, fillStorage } from './support.mjs';
import { VillagesScreen, RecordForm, SettingsScreen, DataScreen } from './pages.mjs';

/** The schema as the app serves it, compiled once per server. */
const schemas = new Map();
async function schemaOf(server) {
  if (!schemas.has(server.url)) {
    const schema = await (await fetch(server.url + '/qianshou-survey.schema.json')).json();
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    schemas.set(server.url, ajv.compile(schema));
  }
  return schemas.get(server.url);
}

/** An exported file's text, parsed and checked against the schema the app serves. */
async function exported(server, text) {
  const validate = await schemaOf(server);
  const file = JSON.parse(text);
  assert.ok(validate(file), 'the export breaks the schema: ' + JSON.stringify(validate.errors, null, 1));
  return file;
}

/** The file a download button gives, its text checked against the schema. */
async function downloaded(server, data, button) {
  const download = await data.download(button);
  const text = readFileSync(await download.path(), 'utf8');
  return { download, text, file: await exported(server, text) };
}

/** Every app key and value in local storage. */
function stored(page) {
  return page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('qianshou/')).sort().map((k) => [k, localStorage.getItem(k)])),
  );
}

/** Surveys 马埂村 with one need, as 张三, and returns to the data screen. */
async function survey(page, server) {
  const settings = new SettingsScreen(page);
  await settings.open(server.url, '/settings');
  await settings.surveyor().fill('张三');
  const villages = new VillagesScreen(page);
  await villages.open(server.url, '/villages');
  await villages.add();
  const form = new RecordForm(page);
  await form.type('村名', '马埂村');
  await form.type('县（区）', '句容市');
  await form.addItem('添加需求', '需求 1', '需要中草药种植专家指导');
}

test('export, import on a fresh profile, see the same village, undo', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await survey(page, server);
    const data = new DataScreen(page);
    await data.open(server.url, '/data');
    await page.getByText('还没有导出过。本机共有 1 条记录尚未交出。').waitFor();
    await page.getByText('文件将包含：1 个村庄、0 个组织、0 个结对项目。').waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('data-zh.png'), fullPage: true });

    const { download, file } = await downloaded(server, data, page.getByRole('button', { name: '下载文件' }));
    assert.match(download.suggestedFilename(), /^qianshou-张三-\d{8}-\d{4}\.json$/);
    assert.equal(file.surveyor, '张三');
    assert.equal(file.villages.length, 1);
    assert.equal(file.villages[0].name, '马埂村');
    assert.equal(file.villages[0].needs[0].description, '需要中草药种植专家指导');
    await page.getByText(/^上次导出：.*之后没有改动，数据都已交出。$/).waitFor();

    // With suggestions: still valid (none here: no organisation yet; the core tests check them).
    await page.getByRole('checkbox', { name: '附带当前的匹配建议' }).check();
    await downloaded(server, data, page.getByRole('button', { name: '下载文件' }));

    // A fresh profile: nothing there, then the file.
    const other = await (await phone(browser)).newPage();
    const theirs = new DataScreen(other);
    await theirs.open(server.url, '/data');
    await theirs.pick({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(await download.path()) });
    await other.getByText('文件来自 张三').waitFor();
    await other.getByText('村庄：新增 1，更新 0，删除 0，保留本机较新的 0，相同 0').waitFor();
    assert.deepEqual(await seriousViolations(other), []);
    await other.getByRole('button', { name: '确认导入' }).click();
    await other.getByText('已导入：写入 1 条记录。').waitFor();
    const villages = new VillagesScreen(other);
    await villages.go('村庄');
    await villages.row('马埂村').waitFor();
    const theirsStored = await stored(other);
    assert.deepEqual(
      JSON.parse(theirsStored[`qianshou/village/${file.villages[0].id}`]),
      file.villages[0],
      'the same record, field for field',
    );

    // Undo takes it away again.
    await theirs.go('数据');
    await other.getByRole('button', { name: '撤销这次导入' }).click();
    await other.getByRole('group', { name: '确定撤销这次导入吗？' }).getByRole('button', { name: '撤销这次导入' }).click();
    await other.getByText('已撤销导入：恢复 1 条记录。').waitFor();
    await villages.go('村庄');
    await other.getByText('还没有村庄记录').waitFor();
  });
});

test('hostile files get a clear message and change nothing', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await survey(page, server);
    const data = new DataScreen(page);
    await data.open(server.url, '/data');
    const good = (await downloaded(server, data, page.getByRole('button', { name: '下载文件' }))).text;
    const before = await stored(page);
    const variant = (change) => {
      const f = JSON.parse(good);
      change(f);
      return JSON.stringify(f);
    };
    const cases = [
      ['not JSON', '村名,需求\n马埂村,中草药', /文件内容不是有效的 JSON（第 1 行/],
      ['another format', '{"type":"FeatureCollection","features":[]}', /不是牵手的调研数据文件/],
      ['a newer version', variant((f) => (f.version = 2)), /格式版本 2.*请先更新牵手/],
      ['absurd nesting', '['.repeat(5000) + ']'.repeat(5000), /层级嵌套过深/],
      ['duplicate ids', variant((f) => f.villages.push(f.villages[0])), /村庄 2「马埂村」 · 编号：编号与文件中另一条记录重复/],
      [
        'a pairing to a missing village',
        variant((f) =>
          f.pairings.push({
            id: '11111111-1111-4111-8111-111111111111', village_id: '22222222-2222-4222-8222-222222222222',
            organization_id: '33333333-3333-4333-8333-333333333333', need_ids: [], capability_ids: [],
            status: 'intent', signed_on: '', amount_wan: null, beneficiaries: null, notes: '',
            created_at: f.exported_at, updated_at: f.exported_at, deleted: false,
          }),
        ),
        /结对 1 · 村庄：指向的村庄在文件和本机中都不存在/,
      ],
      ['a bad category', variant((f) => (f.villages[0].needs[0].category = 'herbs')), /需求 1 · 类别：“"herbs"”不是有效的值：不是可用的代码/],
      ['a bad date', variant((f) => (f.villages[0].surveyed_on = '2024/11/21')), /调研日期：.*应为 YYYY-MM-DD 格式的日期/],
      ['a negative number', variant((f) => (f.villages[0].population = -5)), /户籍人口：不能为负数/],
    ];
    for (const [what, text, message] of cases) {
      await data.pick({ name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      // The message for this file (not the one before it) appears.
      await page.getByRole('alert').filter({ hasText: '没有导入：' }).filter({ hasText: message }).waitFor({ timeout: 5000 });
      assert.deepEqual(await stored(page), before, `${what}: nothing changed`);
    }
    await page.screenshot({ path: artifactPath('import-refused-zh.png'), fullPage: true });
  });
});

test('HTML and script in an imported file are shown as text and never run', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await survey(page, server);
    const data = new DataScreen(page);
    await data.open(server.url, '/data');
    const { file } = await downloaded(server, data, page.getByRole('button', { name: '下载文件' }));
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    file.villages[0].name = evil;
    file.villages[0].updated_at = '2099-01-01T00:00:00+08:00';
    await data.pick({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByText('村庄：新增 0，更新 1').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入：写入 1 条记录。').waitFor();
    const villages = new VillagesScreen(page);
    await villages.go('村庄');
    await villages.row(evil).waitFor();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
  });
});

test('with storage full, the file can still be exported', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await survey(page, server);
    const data = new DataScreen(page);
    await data.open(server.url, '/data');
    await fillStorage(page);
    const { file } = await downloaded(server, data, page.getByRole('button', { name: '下载文件' }));
    assert.equal(file.villages[0].name, '马埂村');
    await page.getByText(/已导出 qianshou-张三-.*json。/).waitFor();
  });
});

test('spreadsheets: CSV with a byte-order mark and Chinese headers, and an xlsx workbook, named and signed by the surveyor', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    await survey(page, server);
    const settings = new SettingsScreen(page);
    await settings.open(server.url, '/settings');
    await page.getByLabel('所在单位（可不填）').fill('宝华镇人民政府');
    const data = new DataScreen(page);
    await data.open(server.url, '/data');
    const csvDownload = await data.download(page.getByRole('button', { name: '需求清单（CSV）' }));
    assert.match(csvDownload.suggestedFilename(), /^qianshou-张三-\d{8}-\d{4}-需求\.csv$/);
    const csv = readFileSync(await csvDownload.path());
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const text = csv.toString('utf8').slice(1);
    // 序号 and the name first, who made the file, the ids last.
    assert.match(text, /^序号,村名,类别,描述,紧急程度,数量,单位,状态,调研员,调研员单位,需求编号,村庄编号\r\n/);
    assert.match(text, /\r\n1,马埂村,种养技术,需要中草药种植专家指导,一般,,,待对接,张三,宝华镇人民政府,[0-9a-f-]{36},[0-9a-f-]{36}\r\n$/);
    const xlsx = await data.download(page.getByRole('button', { name: 'Excel 工作簿（.xlsx）' }));
    assert.match(xlsx.suggestedFilename(), /^qianshou-张三-\d{8}-\d{4}\.xlsx$/);
    const bytes = readFileSync(await xlsx.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip archive');
    // The summary and the five tables; stored, so their text can be read in the archive.
    assert.ok(bytes.includes(Buffer.from('xl/worksheets/sheet6.xml')));
    assert.ok(bytes.includes(Buffer.from('<sheet name="汇总" sheetId="1"')));
    assert.ok(bytes.includes(Buffer.from('<t>宝华镇人民政府</t>')));
  });
});

test('share sends the file to another app where the phone can, and changes since are counted', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    // Headless Chromium has no share sheet: stand in for the phone's, keeping what it was given.
    await context.addInitScript(() => {
      navigator.canShare = (data) => Array.isArray(data.files) && data.files.length === 1;
      navigator.share = async (data) => {
        const f = data.files[0];
        window.__shared = { name: f.name, type: f.type, text: await f.text() };
      };
    });
    const page = await context.newPage();
    await survey(page, server);
    const data = new DataScreen(page);
    await data.open(server.url, '/data');
    await page.getByRole('button', { name: '分享到其他应用' }).click();
    await page.getByText(/已导出 qianshou-张三-.*json。/).waitFor();
    const shared = await page.evaluate(() => window.__shared);
    assert.match(shared.name, /^qianshou-张三-\d{8}-\d{4}\.json$/);
    assert.equal(shared.type, 'application/json');
    assert.equal((await exported(server, shared.text)).villages[0].name, '马埂村');
    await page.getByText('之后没有改动，数据都已交出。', { exact: false }).waitFor();

    // An edit after the export is counted, and "changes since" exports just it.
    const villages = new VillagesScreen(page);
    await villages.go('村庄');
    await villages.row('马埂村').click();
    await new RecordForm(page).type('备注', '导出后补充');
    await villages.go('数据');
    await page.getByText('之后有 1 条记录有改动，尚未交出。', { exact: false }).waitFor();
    await page.getByRole('radio', { name: '上次导出后改动的' }).check();
    await page.getByText('文件将包含：1 个村庄、0 个组织、0 个结对项目。').waitFor();
  });
});
