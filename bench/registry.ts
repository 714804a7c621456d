/**
 * Registry benchmarks (issue 3): directory search p95 with 15,000 spokespersons over 3,400 agencies, and
 * reading 10,000 changes from the feed. Data is generated with SQL (names with Vietnamese diacritics, folded
 * search text computed by the same fold function as the product).
 */
import { foldForSearch } from '../domain/text/fold.ts';
import type { Orm } from '../db/orm.ts';
import { readChanges } from '../db/repositories/spokesperson-changes.ts';
import { searchDirectory } from '../api/services/directory.ts';
import { report, summary } from './stats.ts';

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thu', 'Hữu', 'Đức', 'Ngọc', 'Thanh', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hương',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trung',
  'Vy',
  'Yến',
];
const SECTORS = [
  'Y tế',
  'Xây dựng',
  'Tài chính',
  'Giáo dục và Đào tạo',
  'Nông nghiệp và Môi trường',
  'Công Thương',
  'Nội vụ',
  'Tư pháp',
  'Khoa học và Công nghệ',
  'Văn hóa, Thể thao và Du lịch',
];

const pick = <T>(list: T[], i: number) => list[i % list.length]!;

export async function seedRegistry(orm: Orm, agencies: number, spokespersons: number): Promise<void> {
  const em = orm.em.fork();
  const agencyRows: unknown[][] = [];
  for (let i = 0; i < agencies; i++) {
    const commune = i % 10 !== 0;
    const name = commune
      ? `UBND xã ${pick(GIVEN, i)} ${pick(GIVEN, i * 7 + 3)} ${i}`
      : `Sở ${pick(SECTORS, i)} số ${i}`;
    agencyRows.push([
      `bench-ag-${i}`,
      name,
      commune ? 'commune' : 'province',
      commune ? 'commune_peoples_committee' : 'department',
      `bench-prov-${i % 34}`,
      foldForSearch(name),
    ]);
  }
  for (let start = 0; start < agencyRows.length; start += 500) {
    const chunk = agencyRows.slice(start, start + 500);
    await em.execute(
      `insert into agency (id, name, level, kind, province_id, search_text, created_at) values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, now())').join(', ')}`,
      chunk.flat(),
    );
  }
  const people: unknown[][] = [];
  for (let i = 0; i < spokespersons; i++) {
    const name = `${pick(FAMILY, i)} ${pick(MIDDLE, i * 3 + 1)} ${pick(GIVEN, i * 11 + 5)}`;
    const agency = agencyRows[i % agencies]!;
    const topics = pick(SECTORS, i * 5);
    people.push([
      `bench-sp-${i}`,
      agency[0],
      agency[4],
      name,
      i % 3 === 0 ? 'head' : 'spokesperson',
      'Phó Giám đốc',
      '0232 3822 000',
      foldForSearch(`${name} Phó Giám đốc ${topics} ${String(agency[1])}`),
      topics,
    ]);
  }
  for (let start = 0; start < people.length; start += 500) {
    const chunk = people.slice(start, start + 500);
    await em.execute(
      `insert into spokesperson (id, agency_id, province_id, full_name, role_type, title, phone, search_text, topics, term_start, last_confirmed_at, version, created_at, updated_at)
       values ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-07-01', now(), 1, now(), now())").join(', ')}`,
      chunk.flat(),
    );
  }
  await em.execute(
    `insert into spokesperson_change (spokesperson_id, agency_id, province_id, change_type, version, at, actor_sub, snapshot)
     select id, agency_id, province_id, 'created', 1, now(), 'bench', jsonb_build_object('id', id, 'fullName', full_name, 'title', title, 'phone', phone)
     from spokesperson where id like 'bench-sp-%' order by id`,
  );
  await em.execute('analyze spokesperson');
  await em.execute('analyze agency');
}

export async function benchRegistry(orm: Orm): Promise<void> {
  const t0 = performance.now();
  await seedRegistry(orm, 3400, 15_000);
  report('registry: seeded', {
    agencies: 3400,
    spokespersons: 15_000,
    seconds: (performance.now() - t0) / 1000,
  });
  const queries: [string, Parameters<typeof searchDirectory>[1]][] = [
    ['directory: name without diacritics', { q: 'nguyen van an', limit: 20, now: Date.now() }],
    ['directory: agency "so y te"', { q: 'so y te', limit: 20, now: Date.now() }],
    ['directory: one province, no text', { provinceId: 'bench-prov-7', limit: 20, now: Date.now() }],
    ['directory: commune level + text', { level: 'commune', q: 'ubnd xa', limit: 20, now: Date.now() }],
    ['directory: first page, no filter', { limit: 20, now: Date.now() }],
  ];
  for (const [name, query] of queries) {
    const samples: number[] = [];
    for (let i = 0; i < 80; i++) {
      const started = performance.now();
      await searchDirectory(orm.em.fork(), query);
      samples.push(performance.now() - started);
    }
    const s = summary(samples.slice(10));
    report(name, { p50_ms: s.p50, p95_ms: s.p95 }, 'p95 ≤ 50 ms (aim 20)');
  }
  const started = performance.now();
  let after = 0;
  let read = 0;
  for (;;) {
    const page = await readChanges(orm.em.fork(), after, 1000);
    if (page.length === 0) break;
    read += page.length;
    after = page.at(-1)!.id;
    if (read >= 10_000) break;
  }
  const seconds = (performance.now() - started) / 1000;
  report('change feed: read 10,000 changes (pages of 1000)', {
    changes: read,
    seconds,
    per_s: Math.round(read / seconds),
  });
}
