// Generated villages for the benchmarks: FORMAT.md records with five needs each.
import { randomUUID } from 'node:crypto';

export const NEEDS = 5;
const CATEGORIES = ['sales', 'agritech', 'investment', 'tourism', 'finance', 'digital', 'infrastructure', 'training'];
const TOWNS = ['宝华镇', '下蜀镇', '白兔镇', '边城镇', '茅山镇', '后白镇', '郭庄镇', '天王镇'];
const COUNTIES = ['句容市', '丹徒区', '扬中市', '丹阳市'];

export function village(i) {
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


// What organisations offer, varied so that the matcher has words to weigh (as core/src/sample.rs).
const OFFERS = [
  '中草药种植技术指导', '发动会员单位收购农产品', '蜂蜜电商销售渠道', '小额贷款和农业保险', '民宿设计与运营',
  '宽带网络升级', '道路硬化工程', '垃圾分类处理设备', '电工焊工技能培训', '提供务工岗位', '助学金资助',
  '捐赠医疗设备', '免费法律咨询', '茶叶加工设备', '水果采摘游线路推广', '鱼塘养殖技术', '红色旅游策划', '食用菌种植技术',
];

/** Organisation `i`: three capabilities, capacity 1 to 3. */
export function organization(i) {
  const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString().replace('Z', '+00:00');
  return {
    id: randomUUID(),
    name: `第${i}协会`,
    kind: 'industry_association',
    region: { province: '江苏省', city: '镇江市', county: COUNTIES[i % 4], township: '' },
    members: 50 + (i % 200),
    capacity: 1 + (i % 3),
    contact: { name: '', role: '', phone: '' },
    capabilities: Array.from({ length: 3 }, (_, k) => ({
      id: randomUUID(),
      category: CATEGORIES[(i * 3 + k) % CATEGORIES.length],
      description: OFFERS[(i * 7 + k * 5) % OFFERS.length],
      quantity: null,
      unit: '',
    })),
    notes: '',
    created_at: at,
    updated_at: at,
    deleted: false,
  };
}
