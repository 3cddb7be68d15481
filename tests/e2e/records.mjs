// FORMAT.md records for seeding the app's local storage in tests: one place that knows the shape.
const stamp = '2026-11-01T09:00:00+08:00';

/** A version-4 UUID numbered `n`. */
export const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Village `n` in `county`/`township` of 镇江市; needs are [id, category, description, priority, status]. */
export function village(n, name, county, township, income, surveyed, needs, extra = {}) {
  return {
    id: uuid(n), name, region: { province: '江苏省', city: '镇江市', county, township }, location: null,
    population: 1000 + n, households: 300, collective_income_wan: income, arable_land_mu: 1200, forest_land_mu: 450,
    industries: ['中草药'], resources: ['450亩闲置林地'], contact: { name: '李书记', role: '第一书记', phone: '13800000000' },
    needs: needs.map(([id, category, description, priority, status]) => ({
      id: uuid(id), category, description, priority, quantity: null, unit: '', status,
    })),
    notes: '', surveyed_on: surveyed, created_at: stamp, updated_at: stamp, deleted: false,
    ...extra,
  };
}

/** Organisation `n` in `county`; capabilities are [id, category, description]. */
export function org(n, name, county, capacity, caps, extra = {}) {
  return {
    id: uuid(n), name, kind: 'industry_association', region: { province: '江苏省', city: '镇江市', county, township: '' },
    members: 100, capacity, contact: { name: '', role: '', phone: '' },
    capabilities: caps.map(([id, category, description]) => ({ id: uuid(id), category, description, quantity: null, unit: '' })),
    notes: '', created_at: stamp, updated_at: stamp, deleted: false,
    ...extra,
  };
}

/** Pairing `n` of village `v` and organisation `o`. */
export function pairing(n, v, o, status, amount, people, signed) {
  return {
    id: uuid(n), village_id: uuid(v), organization_id: uuid(o), need_ids: [], capability_ids: [], status,
    signed_on: signed, amount_wan: amount, beneficiaries: people, notes: '', created_at: stamp, updated_at: stamp, deleted: false,
  };
}

/** Writes `{ village: [...], org: [...], pairing: [...] }` into the app's storage (from any page of it). */
export async function seed(page, base, programme) {
  await page.goto(base + '/settings');
  await page.evaluate((programme) => {
    for (const [kind, records] of Object.entries(programme)) {
      for (const r of records) localStorage.setItem(`qianshou/${kind}/${r.id}`, JSON.stringify(r));
    }
  }, programme);
}
