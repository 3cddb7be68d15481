// Journey: a surveyor records a village with its needs and an association with its capabilities,
// by typing as a person does, and finds everything again after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phone, watch, withApp } from './support.mjs';
import { VillagesScreen, OrganizationsScreen, RecordForm } from './pages.mjs';

test('a village with three needs and an organisation with two capabilities survive a reload', async () => {
  await withApp(async ({ server, browser }) => {
    const context = await phone(browser);
    const log = watch(context);
    const page = await context.newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);

    await villages.open(server.url, '/villages');
    await villages.add();
    await form.type('村名', '马埂村');
    await form.type('县（区）', '句容市');
    await form.type('乡镇（街道）', '宝华镇');
    await form.type('户籍人口', '2100');
    await form.type('村集体经济年收入', '8.5');
    await form.type('特色产业', '中草药、蜂蜜');

    const n1 = await form.addItem('添加需求', '需求 1', '需要中草药种植专家指导');
    assert.equal(await n1.getByLabel('类别').inputValue(), 'agritech', 'the suggestion was taken');
    const n2 = await form.addItem('添加需求', '需求 2', '农产品销售难，希望有人收购');
    assert.equal(await n2.getByLabel('类别').inputValue(), 'sales');
    const n3 = await form.addItem('添加需求', '需求 3', '村里宽带太慢');
    await n3.getByLabel('紧急程度').selectOption({ label: '紧急' });
    await n3.getByLabel('数量').pressSequentially('1');
    await n3.getByLabel('单位').pressSequentially('条');

    const orgs = new OrganizationsScreen(page);
    await orgs.go('组织');
    await orgs.add();
    await form.type('名称', '镇江市某商会');
    await form.field('组织类型').selectOption({ label: '商会' });
    await form.type('可结对村数', '3');
    const c1 = await form.addItem('添加能力', '能力 1', '发动会员单位收购农产品');
    assert.equal(await c1.getByLabel('类别').inputValue(), 'sales');
    await c1.getByLabel('数量').pressSequentially('50');
    await c1.getByLabel('单位').pressSequentially('万元');
    await form.addItem('添加能力', '能力 2', '提供宽带网络升级');

    // A reload, as after the phone killed the tab: everything typed is there.
    await page.reload();
    await orgs.nav.waitFor();
    await orgs.go('组织');
    const orgRow = orgs.row('镇江市某商会');
    assert.match(await orgRow.textContent(), /商会.*可结对 3 个村.*2 项能力/);
    await orgRow.getByRole('link').click();
    assert.equal(await form.field('名称').inputValue(), '镇江市某商会');
    assert.equal(await form.item('能力 1').getByLabel('数量').inputValue(), '50');
    assert.equal(await form.item('能力 2').getByLabel('类别').inputValue(), 'digital');

    await villages.go('村庄');
    const row = villages.row('马埂村');
    assert.match(await row.textContent(), /宝华镇 · 句容市.*薄弱村.*3 项待对接需求/);
    await row.getByRole('link').click();
    assert.equal(await form.field('户籍人口').inputValue(), '2100');
    assert.equal(await form.field('村集体经济年收入').inputValue(), '8.5');
    assert.equal(await form.field('特色产业').inputValue(), '中草药、蜂蜜');
    assert.equal(await form.item('需求 1').getByLabel('描述').inputValue(), '需要中草药种植专家指导');
    assert.equal(await form.item('需求 3').getByLabel('紧急程度').inputValue(), 'high');
    assert.equal(await form.item('需求 3').getByLabel('单位').inputValue(), '条');

    // What is stored is the FORMAT.md record, field for field.
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('qianshou/village/')).map((k) => JSON.parse(localStorage.getItem(k))),
    );
    assert.equal(stored.length, 1);
    const v = stored[0];
    assert.equal(v.name, '马埂村');
    assert.equal(v.population, 2100);
    assert.equal(v.collective_income_wan, 8.5);
    assert.equal(v.households, null, 'not recorded is null, never 0');
    assert.deepEqual(v.industries, ['中草药', '蜂蜜']);
    assert.deepEqual(v.needs.map((n) => [n.category, n.priority, n.status]), [
      ['agritech', 'medium', 'open'],
      ['sales', 'medium', 'open'],
      ['digital', 'high', 'open'],
    ]);
    assert.match(v.surveyed_on, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(v.updated_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/);
    assert.deepEqual(log.foreign(server.url), []);
  });
});

test('bad input is named in plain words and nothing typed is lost', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    const problems = page.getByRole('region', { name: /还需补充或更正/ });
    assert.match(await problems.textContent(), /名称：不能为空/);
    await form.type('户籍人口', '三百');
    assert.equal(await form.field('户籍人口').getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByText('请输入数字').textContent(), /请输入数字/);
    assert.equal(await form.field('户籍人口').inputValue(), '三百', 'the text stays as typed');
    await form.type('户籍人口', '-5');
    assert.match(await problems.textContent(), /户籍人口：不能为负数/);
    await form.type('纬度', '95');
    await form.type('经度', '119');
    assert.match(await problems.textContent(), /纬度：超出有效范围/);
    await form.type('村名', '东岗村');
    assert.doesNotMatch(await problems.textContent(), /名称/);
  });
});

test('deleting asks first and can be undone', async () => {
  await withApp(async ({ server, browser }) => {
    const page = await (await phone(browser)).newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await form.type('村名', '西山村');
    const n1 = await form.addItem('添加需求', '需求 1', '慰问困难户');
    await n1.getByRole('button', { name: '移除' }).click();
    await n1.getByRole('button', { name: '取消' }).click();
    assert.equal(await form.item('需求 1').count(), 1, 'cancel keeps it');
    await form.item('需求 1').getByRole('button', { name: '移除' }).click();
    await form.item('需求 1').getByRole('button', { name: '移除' }).click();
    assert.equal(await form.item('需求 1').count(), 0);
    await page.getByRole('status').getByRole('button', { name: '撤销' }).click();
    assert.equal(await form.item('需求 1').getByLabel('描述').inputValue(), '慰问困难户');

    await form.delete('删除这个村庄');
    await page.getByRole('searchbox').waitFor();
    assert.equal(await villages.row('西山村').count(), 0);
    const tombstone = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('qianshou/village/')).map((k) => JSON.parse(localStorage.getItem(k)).deleted),
    );
    assert.deepEqual(tombstone, [true], 'a tombstone, not a removal');
    await page.getByRole('status').getByRole('button', { name: '撤销' }).click();
    await villages.row('西山村').waitFor();
  });
});

test('"use my location" fills the coordinates with accuracy, and a refusal is explained', async () => {
  await withApp(async ({ server, browser }) => {
    const granted = await phone(browser, {
      permissions: ['geolocation'],
      geolocation: { latitude: 32.1503127, longitude: 119.1002, accuracy: 12 },
    });
    const page = await granted.newPage();
    const villages = new VillagesScreen(page);
    const form = new RecordForm(page);
    await villages.open(server.url, '/villages');
    await villages.add();
    await page.getByRole('button', { name: '使用当前位置' }).click();
    await page.getByText('精度约 12 米').waitFor();
    assert.equal(await form.field('纬度').inputValue(), '32.150313');
    assert.equal(await form.field('经度').inputValue(), '119.1002');

    const refused = await phone(browser);
    const page2 = await refused.newPage();
    await new VillagesScreen(page2).open(server.url, '/villages');
    await new VillagesScreen(page2).add();
    await page2.getByRole('button', { name: '使用当前位置' }).click();
    await page2.getByText(/未获得定位权限|暂时无法定位/).waitFor();
  });
});
