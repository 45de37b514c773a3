/**
 * @module Bench piece: DuckDB computing the same aggregates in SQL, on the same survey, with
 * the data already in an in-memory table and including loading it from CSV.
 */

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { type Cell, cellText } from '../engine'
import { formatCsv } from '../samples/generator/csv'
import { measure, type Timing, WARM } from './measure'

/** Sheet header → SQL column, for the sample's Kazakh headers. */
const COLUMNS: [sql: string, header: string][] = [
  ['service', 'Мемлекеттік көрсетілетін қызмет'],
  ['agency', 'Мемлекеттік орган'],
  ['region', 'Өңір'],
  ['channel', 'Қызмет алынған орын'],
  ['overall', 'Қызметке жалпы баға'],
  ['info_access', 'Ақпараттың ашықтығы мен қолжетімділігі'],
  ['info_clarity', 'Алынған ақпараттың айқындылығы мен дұрыстығы'],
  ['documents', 'Құжаттарды жинау және тапсыру процесі'],
  ['timeliness', 'Қызмет ұсыну мерзімдері'],
  ['staff_competence', 'Қызметкерлердің біліктілігі'],
  ['staff_speed', 'Қызметкердің жұмыс істеу шапшаңдығы'],
  ['staff_courtesy', 'Қызметкердің әдептілігі'],
  ['trust', 'Қызмет ұсынушыға сенім'],
  ['complaint', 'Шағым берді'],
  ['informal_payment', 'Бейресми сыйақы'],
  ['connections', 'Тамыр-таныстарды пайдалану'],
]
const ASPECTS = COLUMNS.slice(5, 13).map(([sql]) => sql)
const BARRIERS = COLUMNS.slice(13).map(([sql]) => sql)

/** Cleaning as an analyst would write it: scores 1..5 (also "5,0", " 4 "), yes/no, channel, level. */
const MACROS = [
  `CREATE OR REPLACE MACRO score(x) AS
     CASE WHEN TRY_CAST(replace(trim(x), ',', '.') AS DOUBLE) IN (1, 2, 3, 4, 5)
          THEN CAST(TRY_CAST(replace(trim(x), ',', '.') AS DOUBLE) AS TINYINT) END`,
  `CREATE OR REPLACE MACRO yes_no(x) AS
     CASE WHEN lower(trim(x)) IN ('иә', 'да', '1') THEN 1
          WHEN lower(trim(x)) IN ('жоқ', 'нет', '0') THEN 0 END`,
]

function loadSql(csv: string): string {
  const column = (header: string) => `"${header}"`
  const pick = (sql: string) => column(COLUMNS.find(([name]) => name === sql)?.[1] ?? sql)
  return `CREATE OR REPLACE TABLE survey AS
    SELECT trim(${pick('service')}) AS service,
           trim(${pick('agency')}) AS agency,
           trim(${pick('region')}) AS region,
           CASE WHEN lower(${pick('channel')}) LIKE '%корпорац%' OR ${pick('channel')} LIKE '%ХҚКО%' THEN 'corp'
                WHEN lower(${pick('channel')}) LIKE '%портал%' THEN 'portal'
                WHEN lower(${pick('channel')}) LIKE '%орган%' THEN 'body' END AS channel,
           CASE WHEN lower(${pick('agency')}) LIKE '%жергілікті атқарушы%' THEN 'local'
                ELSE 'central' END AS level,
           score(${pick('overall')}) AS overall,
           ${ASPECTS.map((a) => `score(${pick(a)}) AS ${a}`).join(',\n           ')},
           ${BARRIERS.map((b) => `yes_no(${pick(b)}) AS ${b}`).join(',\n           ')}
    FROM read_csv('${csv.replaceAll("'", "''")}', header = true, all_varchar = true)`
}

/** The six aggregates: rating, distribution by channel, aspects, regions, barriers, drivers. */
export const QUERIES: Record<string, string> = {
  rating: `
    SELECT service, n, satisfaction, top2, mean, 2 * mean AS score10,
           (satisfaction + 1.959963984540054^2 / (2 * n)
             - 1.959963984540054 * sqrt(satisfaction * (1 - satisfaction) / n + 1.959963984540054^2 / (4 * n * n)))
             / (1 + 1.959963984540054^2 / n) AS ci_low
    FROM (SELECT service, count(overall) AS n, avg((overall = 5)::INT) AS satisfaction,
                 avg((overall >= 4)::INT) AS top2, avg(overall) AS mean
          FROM survey WHERE overall IS NOT NULL GROUP BY service)
    ORDER BY satisfaction DESC, mean DESC, n DESC`,
  distribution: `
    SELECT channel, count(*) AS n,
           ${[1, 2, 3, 4, 5].map((s) => `avg((overall = ${s})::INT) AS p${s}`).join(', ')}
    FROM survey WHERE overall IS NOT NULL GROUP BY ROLLUP (channel)`,
  aspects: `
    SELECT service, agency, region, channel, count(overall) AS n, avg(overall) AS overall,
           ${ASPECTS.map((a) => `avg(${a}) AS ${a}`).join(', ')}
    FROM survey GROUP BY GROUPING SETS ((service), (agency), (region), (channel), ())`,
  regions: `
    SELECT region, count(overall) AS n, avg((overall = 5)::INT) AS satisfaction, avg(overall) AS mean,
           count(overall) FILTER (level = 'local') AS local_n,
           avg((overall = 5)::INT) FILTER (level = 'local') AS local_satisfaction,
           count(overall) FILTER (channel = 'corp') AS corp_n,
           avg((overall = 5)::INT) FILTER (channel = 'corp') AS corp_satisfaction
    FROM survey GROUP BY region`,
  barriers: `
    SELECT service, agency, channel, count(*) AS n,
           ${BARRIERS.map((b) => `avg(${b}) AS ${b}`).join(', ')},
           avg((overall = 5)::INT) AS satisfaction
    FROM survey GROUP BY GROUPING SETS ((service), (agency), (channel), ())`,
  drivers: `
    SELECT CASE WHEN channel = 'corp' THEN 'corp' ELSE level END AS driver_group,
           ${ASPECTS.map((a) => `corr(${a}, overall) AS ${a}, count(${a} + overall) AS ${a}_n`).join(',\n           ')}
    FROM survey GROUP BY driver_group`,
}

/** The survey as a CSV file, written in batches (a million rows is hundreds of MB). */
export async function writeCsv(header: Cell[], rows: Cell[][], path: string): Promise<void> {
  const out = createWriteStream(path)
  const text = (row: Cell[]) => row.map(cellText)
  const BATCH = 20_000
  out.write(`${formatCsv([text(header)])}\n`)
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH).map(text)
    if (!out.write(`${formatCsv(batch)}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function runQueries(connection: DuckDBConnection): Promise<number> {
  let resultRows = 0
  for (const sql of Object.values(QUERIES)) {
    resultRows += (await connection.runAndReadAll(sql)).currentRowCount
  }
  return resultRows
}

export interface DuckdbFigure {
  threads: number
  /** Queries only, the survey already loaded into a typed table. */
  inMemory: Timing
  /** Loading the CSV into that table (with the cleaning), then the queries. */
  withCsv: Timing
  /** Respondents with a valid overall score, as the SQL cleaned them (a check on the load). */
  rated: number
}

/** DuckDB in this process, in memory, its default threads (one per core). */
export async function benchDuckdb(
  csv: string,
  { runs, warmup }: { runs: number; warmup: number },
): Promise<DuckdbFigure> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    for (const macro of MACROS) await connection.run(macro)
    const load = loadSql(csv)
    const withCsv = await measure(
      async () => {
        await connection.run(load)
        await runQueries(connection)
      },
      { runs, warmup },
    )
    // Warmed as Sapa's engine is (bench/engine.ts WARM), so neither is measured cold.
    const inMemory = await measure(() => runQueries(connection), { runs, ...WARM })
    const threads = Number(
      (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0],
    )
    const rated = Number(
      (await connection.runAndReadAll('SELECT count(overall) FROM survey')).getRows()[0][0],
    )
    return { threads, inMemory, withCsv, rated }
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}
