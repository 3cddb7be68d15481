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

