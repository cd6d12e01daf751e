// DuckDB's time for the same work from the same CSV files: per (contract, student)
// attended sessions, minutes and top-tutor sessions within the contract's period (with
// session-id replacement), the picked score per student and window, and per contract
// the enrolled and served counts. Prints seconds and peak RSS.
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

// DuckDB is installed by bench/settle.js into bench/.duckdb, outside the project's lock
// file: it is a yardstick for this benchmark only, never a dependency of Accord.
const require = createRequire(new URL("./.duckdb/package.json", import.meta.url));
const { DuckDBInstance } = require("@duckdb/node-api");

const dir = resolve(process.argv[2]);
const contracts = readdirSync(join(dir, "terms"))
  .filter((n) => n.endsWith(".json"))
  .map((n) => JSON.parse(readFileSync(join(dir, "terms", n), "utf8")));
const values = contracts
  .map(
    (t) =>
      `('${t.contractId}', DATE '${t.period.start}', DATE '${t.period.end}', ${t.service_threshold?.minSessions ?? 0}, ${t.service_threshold?.minMinutes ?? 0})`,
  )
  .join(",\n");
const file = (name) => `'${join(dir, name)}'`;

const started = performance.now();
const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
await c.run(
  `CREATE TABLE terms(contract_id VARCHAR, period_start DATE, period_end DATE, min_sessions INT, min_minutes INT)`,
);
await c.run(`INSERT INTO terms VALUES ${values}`);
const reader = (name) => `read_csv(${file(name)}, header = true, all_varchar = true)`;
const result = await c.runAndReadAll(`
WITH sessions AS (
  SELECT *, row_number() OVER () AS rn FROM ${reader("sessions.csv")}
), deduped AS (
  SELECT s.* FROM sessions s
  QUALIFY s.session_id IS NULL
       OR row_number() OVER (PARTITION BY s.contract_id, s.session_id ORDER BY s.rn DESC) = 1
), attended AS (
  SELECT d.contract_id, d.student_id, d.tutor_id, CAST(d.minutes AS INT) AS minutes
  FROM deduped d JOIN terms t USING (contract_id)
  WHERE lower(coalesce(d.attended, 'true')) IN ('true', 't', 'yes', 'y', '1')
    AND CAST(d.session_date AS DATE) BETWEEN t.period_start AND t.period_end
), per_tutor AS (
  SELECT contract_id, student_id, tutor_id, count(*) AS n FROM attended WHERE tutor_id IS NOT NULL
  GROUP BY ALL
), per_student AS (
  SELECT contract_id, student_id, count(*) AS sessions, sum(minutes) AS minutes FROM attended GROUP BY ALL
), top_tutor AS (
  SELECT contract_id, student_id, max(n) AS top FROM per_tutor GROUP BY ALL
), scores AS (
  SELECT student_id, assessment, lower(subject) AS subject, "window", scale_score FROM (
    SELECT *, row_number() OVER () AS rn FROM ${reader("assessments.csv")}
  )
  QUALIFY row_number() OVER (PARTITION BY student_id, assessment, lower(subject), "window"
    ORDER BY CAST(test_date AS DATE) DESC, CAST(scale_score AS DECIMAL(18, 6)) DESC, rn DESC) = 1
), enrolled AS (
  SELECT e.contract_id, e.student_id FROM ${reader("enrollments.csv")} e
  JOIN ${reader("students.csv")} s USING (student_id)
)
SELECT e.contract_id,
       count(*) AS enrolled,
       count(*) FILTER (WHERE coalesce(p.sessions, 0) >= t.min_sessions AND coalesce(p.minutes, 0) >= t.min_minutes) AS served,
       sum(coalesce(tt.top, 0)) AS top_tutor_sessions,
       (SELECT count(*) FROM scores) AS picked_scores
FROM enrolled e JOIN terms t USING (contract_id)
LEFT JOIN per_student p USING (contract_id, student_id)
LEFT JOIN top_tutor tt USING (contract_id, student_id)
GROUP BY e.contract_id
ORDER BY e.contract_id`);
const rows = result.getRows();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({ seconds, contracts: rows.length, maxRSS: process.resourceUsage().maxRSS }) + "\n",
);
