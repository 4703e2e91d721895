/**
 * The benchmark's reference: the four default outcome measures per offer (n, x, pending),
 * computed by DuckDB in SQL straight from the same CSV files `evg effects` reads. Run as a
 * child process by `evg bench-effects`; prints one JSON object on stdout.
 *
 * Usage: node --import tsx duckdb-effects.ts DIR AS_OF
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** The SQL: month windows by calendar months with end-of-month clamping (DuckDB's date + interval clamps like date-fns addMonths). */
export function effectsSql(dir: string, asOf: string): string {
  const csv = (kind: string, columns: string) =>
    `read_csv('${join(dir, `${kind}.csv`).replaceAll("'", "''")}', header = true, columns = {${columns}})`;
  return `
WITH
types AS (SELECT * FROM ${csv('benefit_types', `'code': 'VARCHAR', 'public_support': 'BOOLEAN', 'name': 'VARCHAR'`)}),
pub AS (
  SELECT p.person_id, p.start_date AS s, coalesce(p.end_date, DATE '9999-12-31') AS e
  FROM ${csv('benefit_periods', `'person_id': 'VARCHAR', 'benefit_type': 'VARCHAR', 'start_date': 'DATE', 'end_date': 'DATE', 'period_id': 'VARCHAR'`)} p
  JOIN types t ON t.code = p.benefit_type
  WHERE t.public_support
),
enr AS (
  SELECT enrollment_id, person_id, offer_id, start_date, end_date
  FROM ${csv('enrollments', `'enrollment_id': 'VARCHAR', 'person_id': 'VARCHAR', 'offer_id': 'VARCHAR', 'target_group': 'VARCHAR', 'start_date': 'DATE', 'end_date': 'DATE', 'company_oriented': 'BOOLEAN', 'end_reason': 'VARCHAR'`)}
  WHERE start_date <= DATE '${asOf}'
),
measures(measure, anchor, from_m, to_m, min_ss) AS (
  VALUES ('effect3m', 'end', 0, 3, 3), ('effect7m', 'start', 0, 7, 3), ('status1m', 'end', 0, 1, 1), ('status3m', 'end', 2, 3, 1)
),
em AS (
  SELECT e.enrollment_id, e.person_id, e.offer_id, m.measure, m.from_m, m.to_m, m.min_ss,
         CASE WHEN m.anchor = 'start' THEN e.start_date ELSE e.end_date + 1 END AS a
  FROM enr e CROSS JOIN measures m
  WHERE m.anchor = 'start' OR e.end_date IS NOT NULL
),
emc AS (
  SELECT *, CAST(a + to_months(to_m) AS DATE) - 1 <= DATE '${asOf}' AS complete FROM em
),
mon AS (
  SELECT enrollment_id, measure, person_id, k,
         CAST(a + to_months(k) AS DATE) AS first_day, CAST(a + to_months(k + 1) AS DATE) - 1 AS last_day
  FROM emc CROSS JOIN range(0, 7) r(k)
  WHERE complete AND k >= from_m AND k < to_m
),
supported AS (
  SELECT DISTINCT mon.enrollment_id, mon.measure, mon.k
  FROM mon JOIN pub ON pub.person_id = mon.person_id AND pub.s <= mon.last_day AND pub.e >= mon.first_day
),
self_sufficient AS (
  SELECT mon.enrollment_id, mon.measure, count(*) FILTER (WHERE supported.k IS NULL) AS months
  FROM mon LEFT JOIN supported USING (enrollment_id, measure, k)
  GROUP BY ALL
)
SELECT emc.offer_id AS "offerId", emc.measure,
       count(*) FILTER (WHERE complete) AS n,
       count(*) FILTER (WHERE complete AND self_sufficient.months >= emc.min_ss) AS x,
       count(*) FILTER (WHERE NOT complete) AS pending
FROM emc LEFT JOIN self_sufficient USING (enrollment_id, measure)
GROUP BY ALL
ORDER BY 1, 2`;
}

async function main(): Promise<void> {
  const [dir, asOf] = process.argv.slice(2);
  if (!dir || !asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    process.stderr.write('usage: duckdb-effects.ts DIR AS_OF\n');
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(effectsSql(dir, asOf));
  const rows = reader.getRowObjectsJson().map((row) => ({
    offerId: String(row.offerId),
    measure: String(row.measure),
    n: Number(row.n),
    x: Number(row.x),
    pending: Number(row.pending),
  }));
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, rows }) + '\n');
}

await main();
