// The office's workbook opened by a real spreadsheet program: LibreOffice Calc, headless.
//
//   node --test tests/office/          (scripts/test.sh runs it; scripts/ensure-tools.sh --test
//                                       installs Debian's libreoffice-calc-nogui and poppler-utils)
//
// The core's example `office_workbook` writes the workbook of a small programme (13 villages with
// 10 needs each, 13 organisations, 13 pairings over every stage; see core/examples/); LibreOffice
// converts it to PDF, to CSV (every sheet, cells as shown) and to its own flat XML (.fods), and
// this test reads what LibreOffice made of it: opened without a complaint, the columns in order
// and wide enough, dates as dates in the device's zone, a bold filtered header, printed landscape
// to the page's width with the header row on every page, and a summary that adds up.
// QIANSHOU_WORKBOOK=some.xlsx checks another workbook instead (one from an older build fails).
// soffice missing is a failure, not a skip: CI must run this.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHEETS = ['汇总', '村庄', '需求', '组织', '能力', '结对'];
// LibreOffice's filter options for CSV: comma, double quotes, UTF-8 (76), from line 1, cells as
// shown (token 9: true), every sheet to its own file (token 12: -1; LibreOffice 7.2 and later).
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
// Printed by LibreOffice on a machine without Java; says nothing about the file.
const HARMLESS = /^Warning: failed to launch javaldx - java may not function correctly$/;

/** The folder with the workbook (qianshou.xlsx) and the profile LibreOffice may write. */
function workbook() {
  const dir = mkdtempSync(join(tmpdir(), 'qianshou-office-'));
  if (process.env.QIANSHOU_WORKBOOK) {
    copyFileSync(process.env.QIANSHOU_WORKBOOK, join(dir, 'qianshou.xlsx'));
  } else {
    execFileSync('cargo', ['run', '-q', '-p', 'qianshou-core', '--example', 'office_workbook', '--', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return dir;
}

/**
 * Runs `soffice --headless --convert-to <to>` on the workbook, each run with its own profile
 * (LibreOffice needs a writable one, and runs sharing one get in each other's way), and fails
 * on anything LibreOffice says beyond the conversion itself: a damaged file still exits 0, with
 * "Error: source file could not be loaded" and no output.
 */
function convert(dir, to, out) {
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, `profile-${out}`)).href}`,
      '--headless',
      '--convert-to',
      to,
      '--outdir',
      join(dir, out),
      join(dir, 'qianshou.xlsx'),
    ],
    { encoding: 'utf8' },
  );
  if (r.error?.code === 'ENOENT') {
    assert.fail('soffice is missing: scripts/ensure-tools.sh --test installs libreoffice-calc-nogui');
  }
  assert.equal(r.status, 0, `soffice --convert-to ${to} exited ${r.status}: ${r.stderr}`);
  const said = r.stderr.split('\n').filter((l) => l.trim() && !HARMLESS.test(l));
  assert.deepEqual(said, [], `soffice --convert-to ${to} complained`);
  assert.doesNotMatch(r.stdout, /error|repair|could not/i);
  return { stdout: r.stdout, dir: join(dir, out) };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1).push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.at(-1).push(field), (field = ''), rows.push([]);
    } else field += c;
  }
  if (field || rows.at(-1).length) rows.at(-1).push(field);
  else rows.pop();
  return rows;
}

/** How many columns text takes, a Chinese (wide) character counted as two. */
function textWidth(s) {
  let w = 0;
  for (const c of s) w += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c) ? 2 : 1;
  return w;
}

/** One sheet of the .fods: its XML, from its <table:table> to the next. */
function fodsTable(fods, name) {
  const start = fods.indexOf(`<table:table table:name="${name}"`);
  assert.ok(start >= 0, `sheet ${name} in the .fods`);
  return fods.slice(start, fods.indexOf('</table:table>', start));
}

/** The columns' widths (inches) of one .fods sheet, column by column. */
function columnWidths(fods, table) {
  const style = new Map(
    [...fods.matchAll(/<style:style style:name="(co\d+)" style:family="table-column">\s*<style:table-column-properties[^>]*style:column-width="([\d.]+)in"/g)].map(
      (m) => [m[1], Number(m[2])],
    ),
  );
  const widths = [];
  for (const m of table.matchAll(/<table:table-column table:style-name="(co\d+)"(?: table:number-columns-repeated="(\d+)")?/g)) {
    const n = Math.min(Number(m[2] ?? 1), 64);
    for (let i = 0; i < n; i++) widths.push(style.get(m[1]));
  }
  return widths;
}

test('LibreOffice opens the workbook: columns in order, sized, dates as dates, printed to the width', () => {
  const dir = workbook();

  // ---- CSV of every sheet, cells as LibreOffice shows them ----
  const csv = convert(dir, CSV_FILTER, 'csv');
  const written = [...csv.stdout.matchAll(/Writing sheet (\S+) ->/g)].map((m) => m[1]);
  assert.deepEqual(written, SHEETS, 'the summary first, then the five tables');
  const sheet = Object.fromEntries(
    SHEETS.map((s) => {
      const file = readdirSync(csv.dir).find((f) => f.endsWith(`-${s}.csv`));
      const [header, ...rows] = parseCsv(readFileSync(join(csv.dir, file), 'utf8'));
      const col = (name) => {
        const i = header.indexOf(name);
        assert.ok(i >= 0, `${s} has a column ${name}`);
        return rows.map((r) => r[i]);
      };
      return [s, { header, rows, col }];
    }),
  );
  const names = { 村庄: '村名', 需求: '村名', 组织: '名称', 能力: '组织名称', 结对: '村名' };
  for (const [s, name] of Object.entries(names)) {
    const { header, rows, col } = sheet[s];
    assert.deepEqual(header.slice(0, 2), ['序号', name], `${s}: 序号 and the name first`);
    const ids = header.findIndex((h) => h.endsWith('编号'));
    assert.ok(header.slice(ids).every((h) => h.endsWith('编号')), `${s}: the ids last: ${header}`);
    assert.deepEqual(header.slice(ids - 2, ids), ['调研员', '调研员单位'], `${s}: who made it`);
    assert.ok(rows.length >= 13, `${s}: ${rows.length} rows`);
    assert.deepEqual(col('序号'), rows.map((_, i) => String(i + 1)));
    assert.ok(col('调研员').every((v) => v === '张三'), `${s}: the surveyor on every row`);
    assert.ok(col('调研员单位').every((v) => v === '宝华镇人民政府'));
    // A cut-off id shows as "3bd0f886-!" only on screen; in the file the id is whole.
    for (const h of header.slice(ids)) assert.ok(col(h).every((v) => /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(v)), `${s}.${h}`);
  }
  assert.equal(sheet['结对'].rows.length, 13);
  // Dates in the date format, never text with a leading apostrophe; times in the device's zone
  // (the records edited at 01:30 +00:00 show 09:30, the workbook being made at +08:00).
  assert.ok(sheet['村庄'].col('调研日期').every((v) => v === '2026-03-01'));
  assert.deepEqual(new Set(sheet['村庄'].col('修改时间')), new Set(['2026-03-01 09:30']));
  const signed = sheet['结对'].col('签约日期').filter(Boolean);
  assert.ok(signed.length >= 8 && signed.every((v) => /^2026-03-\d\d$/.test(v)), `签约日期: ${signed}`);
  assert.ok(sheet['结对'].col('修改时间').every((v) => /^2026-03-0[12] \d\d:00$/.test(v)));

  // The summary adds up to the tables.
  const summary = Object.fromEntries(sheet['汇总'].rows.map((r) => [r[0], r.slice(1)]));
  const sum = (values) => values.reduce((a, v) => a + Number(v || 0), 0);
  assert.equal(Number(summary['村庄'][0]), sheet['村庄'].rows.length);
  assert.equal(Number(summary['需求'][0]), sheet['需求'].rows.length);
  assert.equal(Number(summary['组织'][0]), sheet['组织'].rows.length);
  assert.equal(Number(summary['能力'][0]), sheet['能力'].rows.length);
  assert.deepEqual(summary['结对合计'].map(Number), [13, sum(sheet['结对'].col('金额（万元）')), sum(sheet['结对'].col('受益人数'))]);
  const stages = ['意向', '已签约', '实施中', '已完成', '已取消'];
  assert.equal(sum(stages.map((s) => summary[`结对：${s}`][0])), 13, 'counts by stage');
  for (const s of stages) {
    const at = sheet['结对'].col('状态').map((v, i) => (v === s ? i : -1)).filter((i) => i >= 0);
    assert.equal(Number(summary[`结对：${s}`][0]), at.length, s);
    assert.equal(Number(summary[`结对：${s}`][1]), sum(at.map((i) => sheet['结对'].col('金额（万元）')[i])), s);
  }
  assert.equal(summary['调研员'][0], '张三');
  assert.equal(summary['导出时间'][0], '2026-03-02 10:00');

  // ---- LibreOffice's own reading of the workbook (flat ODS) ----
  const fods = readFileSync(join(convert(dir, 'fods', 'fods').dir, 'qianshou.fods'), 'utf8');
  for (const s of SHEETS) {
    const table = fodsTable(fods, s);
    // The header row is the print titles: repeated on every printed page.
    assert.match(table, /<table:table-header-rows>\s*<table:table-row[^>]*>\s*<table:table-cell table:style-name="(ce\d+)"/, `${s}: print titles`);
    const headerStyle = table.match(/<table:table-header-rows>\s*<table:table-row[^>]*>\s*<table:table-cell table:style-name="(ce\d+)"/)[1];
    assert.match(
      fods.slice(fods.indexOf(`<style:style style:name="${headerStyle}"`)).split('</style:style>')[0],
      /fo:font-weight="bold"/,
      `${s}: a bold header`,
    );
    // No date was left as text.
    assert.doesNotMatch(table, /office:value-type="string"[^>]*>\s*<text:p>'?\d{4}-\d\d-\d\d/, `${s}: a date stored as text`);
    // Every column at least as wide as its widest text (capped at 50 wide, where text wraps):
    // 0.07 in a column is a character of the default font (a digit of Calibri 11 is 7 px at 96 px
    // to the inch); the old workbook's 0.89 in cut ids and long headers.
    const widths = columnWidths(fods, table);
    const { header, rows } = sheet[s];
    header.forEach((h, i) => {
      const widest = Math.min(50, Math.max(...[h, ...rows.map((r) => r[i] ?? '')].map(textWidth)));
      assert.ok(widths[i] >= widest * 0.07, `${s}.${h}: ${widths[i]} in for ${widest} characters`);
    });
  }
  const dates = fodsTable(fods, '结对').match(/office:value-type="date"/g) ?? [];
  assert.ok(dates.length >= 13 + 8, `结对: ${dates.length} date cells (13 times, 8 signing dates)`);
  assert.match(fodsTable(fods, '村庄'), /office:date-value="2026-03-01T09:30:00"/);
  for (const s of SHEETS.slice(1)) {
    const rows = sheet[s].rows.length + 1;
    assert.match(fods, new RegExp(`table:target-range-address="'?${s}'?\\.A1:'?${s}'?\\.[A-Z]+${rows}"[^>]*table:display-filter-buttons="true"`), `${s}: a filter on the header`);
  }
  assert.match(fods, /style:print-orientation="landscape"[^>]*style:scale-to-X="1"|style:scale-to-X="1"[^>]*style:print-orientation="landscape"/);

  // ---- Printed: landscape, one page wide, the header row on every page ----
  const pdf = join(convert(dir, 'pdf', 'pdf').dir, 'qianshou.pdf');
  const pages = Number(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)[1]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages);
  // Each page is headed by its sheet's name (the page header).
  const bySheet = {};
  for (const page of text) {
    const name = page.trim().split('\n')[0].trim();
    assert.ok(SHEETS.includes(name), `a page headed ${name}`);
    (bySheet[name] ??= []).push(page);
  }
  assert.deepEqual(Object.keys(bySheet), SHEETS);
  assert.ok(bySheet['结对'].length <= 2, `13 pairings on ${bySheet['结对'].length} pages`);
  assert.ok(bySheet['需求'].length >= 2, '130 needs take more than one page');
  for (const s of SHEETS.slice(1)) {
    assert.ok(bySheet[s].length <= 3, `${s} on ${bySheet[s].length} pages`);
    for (const page of bySheet[s]) assert.match(page, /序号\s+\S*名/, `${s}: the header row on every page`);
  }
  assert.ok(pages <= 10, `${pages} pages in all`);
});

test('a damaged workbook is caught: LibreOffice exits 0 but says so', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qianshou-office-'));
  // A zip's first header and nothing after it: what a download cut short leaves.
  writeFileSync(join(dir, 'qianshou.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]));
  assert.throws(() => convert(dir, 'pdf', 'pdf'), /complained|exited/);
  assert.ok(!existsSync(join(dir, 'pdf', 'qianshou.pdf')));
});
