import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../../cli/errors'
import { main } from '../../cli/sapa'
import { type LocalWorker, startLocalWorker } from '../../cli/wrangler-dev'
import type { EncodedColumn } from '../../engine/index'
import type { ReportReply } from '../../protocol/index'
import { buildSheets, sheetRequests } from '../../sheets/index'
import { excelCsv } from './excel-csv'
import { type RecordingProxy, recordingProxy, sentBody, tableOf } from './support'

const secret = randomBytes(32).toString('hex')
let dir: string
let worker: LocalWorker
let proxy: RecordingProxy

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-input-'))
  worker = await startLocalWorker({ vars: { SAPA_HMAC_SECRET: secret } })
  proxy = await recordingProxy(worker.url)
}, 60_000)

afterAll(async () => {
  await proxy?.close()
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

interface Run {
  code: number
  stdout: string
  stderr: string
  reply?: ReportReply
}

/** `sapa report FILE --worker … --json …` in this process; the reply when it was written. */
async function sapa(name: string, bytes: Uint8Array, ...args: string[]): Promise<Run> {
  const input = join(dir, name)
  const json = join(dir, `${name}.json`)
  await writeFile(input, bytes)
  await rm(json, { force: true })
  let stdout = ''
  let stderr = ''
  const code = await main(
    ['report', input, '--worker', proxy.url, '--json', json, '--min-base', '1', ...args],
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      stderrIsTTY: false,
      env: { SAPA_HMAC_SECRET: secret },
    },
  )
  const reply = code === 0 ? (JSON.parse(await readFile(json, 'utf8')) as ReportReply) : undefined
  return { code, stdout, stderr, reply }
}

/** Twelve respondents of four services, in Russian or Kazakh. */
function survey(header: string[]): string[][] {
  const services = ['Выдача паспорта', 'Регистрация ИП', 'Жер учаскесі', 'Пособие']
  return [
    header,
    ...Array.from({ length: 12 }, (_, i) => [services[i % 4], String(1 + (i % 5)), 'Алматы']),
  ]
}
const RU = survey(['Услуга', 'Общая оценка', 'Регион'])
const KK = survey(['Қызмет', 'Жалпы баға', 'Өңір'])

describe('sapa report reads CSV files as Excel writes them (issue 11)', () => {
  it.each([
    ['"CSV" in Windows-1251 with ;', RU, 'csv-1251', 'Windows-1251, semicolon-delimited'],
    ['"CSV UTF-8" with a BOM and ;', KK, 'csv-utf8', 'UTF-8 with BOM, semicolon-delimited'],
    ['"Unicode Text" (UTF-16LE, tab)', KK, 'unicode-text', 'UTF-16LE with BOM, tab-delimited'],
    ['UTF-8 with tabs', KK, 'utf8-plain', 'UTF-8, tab-delimited'],
  ] as const)('scores %s', async (_, rows, format, reading) => {
    const bytes = excelCsv(rows, format, format === 'utf8-plain' ? '\t' : undefined)
    const run = await sapa(`${format}.csv`, bytes)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.reply?.summary).toMatchObject({ respondents: 12, services: 4, issueCount: 0 })
    expect(run.stdout).toContain(`Read as ${reading}`)
  })

  it('scores a file opening with sep=;', async () => {
    const bytes = Buffer.concat([Buffer.from('sep=;\r\n'), excelCsv(RU, 'utf8-plain', ';')])
    const run = await sapa('sep.csv', bytes)
    expect(run.code).toBe(0)
    expect(run.reply?.summary.respondents).toBe(12)
    expect(run.stdout).toContain('Read as UTF-8, semicolon-delimited, as its sep= line says')
  })

  it('refuses a file mixing encodings in one line naming both lines, exit 3', async () => {
    const bytes = Buffer.concat([excelCsv(KK, 'utf8-plain'), excelCsv([RU[1]], 'csv-1251', ',')])
    const run = await sapa('mixed.csv', bytes)
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toMatch(
      /^sapa: .*mixed\.csv: mixes encodings: line 1 has UTF-8 text, line 14 is not UTF-8 \(Windows-1251\?\); .*\n$/,
    )
  })

  it('keeps codes as text: 1.1 and 1.10, 01 and 1, 007, two 20-digit codes are seven services', async () => {
    const codes = ['1.1', '1.10', '01', '1', '007', '12345678901234567890', '12345678901234567891']
    const rows = [
      ['Код услуги', 'Оценка'],
      ...codes.flatMap((code) => [
        [code, '5'],
        [code, '3'],
      ]),
    ]
    const run = await sapa('codes.csv', excelCsv(rows, 'csv-1251'))
    expect(run.code).toBe(0)
    const services = tableOf(run.reply, 'rating').rows.map((row) => row.service)
    expect(services.sort()).toEqual([...codes].sort())
  })
})

describe('sapa report finds headers as a person would (issue 11)', () => {
  it('takes «Канал связи» for the channel and says the connections barrier was passed over', async () => {
    const rows = [
      ['Услуга', 'Общая оценка', 'Канал связи'],
      ...Array.from({ length: 8 }, (_, i) => [
        'Паспорт',
        String(1 + (i % 5)),
        i % 2 ? 'ЦОН' : 'egov',
      ]),
    ]
    const run = await sapa('channel.csv', excelCsv(rows, 'csv-utf8'))
    expect(run.code).toBe(0)
    expect(run.reply?.summary.mapping).toEqual({
      service: 'Услуга',
      overall: 'Общая оценка',
      channel: 'Канал связи',
    })
    expect(run.reply?.summary.issueCount).toBe(0)
    expect(run.stdout).toContain('  channel         ← Канал связи\n')
    expect(run.stdout).toContain(
      '  connections       none (fits: «Канал связи», but that is read as channel)\n',
    )
  })

  it('reads Kazakh typed with Russian letters («Кызмет», «бага»)', async () => {
    const run = await sapa(
      'lookalike.csv',
      excelCsv(survey(['Кызмет', 'Жалпы бага', 'Онир']), 'csv-1251'),
    )
    expect(run.code).toBe(0)
    expect(run.reply?.summary.mapping).toEqual({
      service: 'Кызмет',
      overall: 'Жалпы бага',
      region: 'Онир',
    })
  })

  it('passes --map as the API mapping, and prints it', async () => {
    const rows = survey(['Q1', 'Q2', 'Q3'])
    const run = await sapa(
      'mapped.csv',
      excelCsv(rows, 'csv-utf8'),
      '--map',
      'service=Q1',
      '--map',
      'overall=Q2',
    )
    expect(run.code).toBe(0)
    expect(run.reply?.summary).toMatchObject({
      respondents: 12,
      mapping: { service: 'Q1', overall: 'Q2' },
    })
    expect(run.stdout).toMatch(
      /Columns \(role ← header\):\n {2}service {9}← Q1\n {2}overall {9}← Q2\n/,
    )
    const sent = sentBody(proxy.requests.at(-1) as Buffer)
    expect(sent.mapping).toEqual({ service: 'Q1', overall: 'Q2' })
  })

  it('names a --map header that is not there, exit 3', async () => {
    const run = await sapa('unmapped.csv', excelCsv(KK, 'csv-utf8'), '--map', 'overall=Q7')
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toContain('Column "Q7" mapped to overall is not in the header')
  })

  it('refuses two columns with the same header, naming both, exit 3', async () => {
    const rows = KK.map((row) => [...row, row[2]])
    const run = await sapa('twice.csv', excelCsv(rows, 'csv-utf8'))
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toMatch(
      /^sapa: .*twice\.csv: Columns 3 \(C\) and 4 \(D\) both have the header "Өңір": rename one .*\(read as UTF-8 with BOM, semicolon-delimited\)\n$/,
    )
  })

  it('reads a header under title rows; the titles are no respondents, issues keep sheet rows', async () => {
    const rows = [
      ['Мониторинг качества госуслуг, 2017', '', ''],
      ['', '', ''],
      ...RU,
      ['Пособие', 'семь', 'Алматы'],
    ]
    const run = await sapa('titles.csv', excelCsv(rows, 'csv-1251'))
    expect(run.code).toBe(0)
    expect(run.reply?.summary.respondents).toBe(13)
    expect(run.reply?.issues.map((i) => [i.row, i.column, i.value])).toEqual([
      [16, 'Общая оценка', 'семь'],
    ])
    expect(run.stdout).toContain(
      'Header on row 3: rows 1–2 above it read as titles, not respondents',
    )
  })

  it('reads a two-row header with merged cells: the sub-header is no respondent', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Ответы')
    sheet.addRow(['Услуга', '', 'Оценка', '', ''])
    sheet.addRow(['Код', 'Наименование', 'Общая', 'Сроки', 'Доверие'])
    for (let i = 0; i < 10; i++)
      sheet.addRow([String(i % 2), ['Паспорт', 'Жер'][i % 2], 5 - (i % 3), 4, 5])
    sheet.mergeCells('A1:B1')
    sheet.mergeCells('C1:E1')
    const run = await sapa('two-rows.xlsx', Buffer.from(await book.xlsx.writeBuffer()))
    expect(run.code).toBe(0)
    expect(run.reply?.summary.respondents).toBe(10)
    const services = tableOf(run.reply, 'rating').rows.map((row) => String(row.service))
    expect(services).not.toContain('Услуга')
    expect(services).not.toContain('Код')
    expect(run.reply?.summary.issueCount).toBe(0)
    expect(run.stdout).toContain('Header in two rows (1–2), read together')
  })
})

describe('sapa report on wide and odd workbooks (issue 11)', () => {
  it('sends only the mapped columns of a 250-column file', async () => {
    const header = ['Қызмет', 'Жалпы баға', ...Array.from({ length: 248 }, (_, i) => `Q${i + 3}`)]
    const rows = [
      header,
      ...Array.from({ length: 300 }, (_, r) =>
        header.map((_, c) => (c === 0 ? `Қызмет ${r % 5}` : String(1 + ((r + c) % 5)))),
      ),
    ]
    const before = proxy.requests.length
    const run = await sapa('wide.csv', excelCsv(rows, 'utf8-plain'))
    expect(run.code).toBe(0)
    expect(proxy.requests.length).toBe(before + 1)
    const sent = sentBody(proxy.requests[before]) as {
      header: string[]
      columns: EncodedColumn[]
    }
    expect(sent.header).toEqual(['Қызмет', 'Жалпы баға'])
    expect(sent.columns).toHaveLength(2)
    expect(run.reply?.summary.respondents).toBe(300)
  })

  it('lists a formula without a saved value as a data issue saying so', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Жауаптар')
    sheet.addRow(['Қызмет', 'Жалпы баға'])
    sheet.addRow(['Паспорт', 5])
    sheet.addRow([{ formula: 'Codes!B7' }, 4])
    sheet.addRow(['Паспорт', { formula: 'B2-1' }])
    const run = await sapa('formulas.xlsx', Buffer.from(await book.xlsx.writeBuffer()))
    expect(run.code).toBe(0)
    expect(run.reply?.issues.map((i) => [i.row, i.column, i.value])).toEqual([
      [3, 'Қызмет', '#NO_VALUE! =Codes!B7'],
      [4, 'Жалпы баға', '#NO_VALUE! =B2-1'],
    ])
    expect(run.reply?.issues[0].reason).toMatch(/^a formula without a saved value/)
    expect(JSON.stringify(run.reply)).not.toContain('[object Object]')
  })

  it('cuts a 1 MB label to what a cell holds, with a data issue, in the tables and the plan', async () => {
    const long = `Паспорт ${'ж'.repeat(1_048_576)}`
    const rows = [
      ['Қызмет', 'Жалпы баға'],
      [long, '5'],
      [long, '4'],
      ['Жер', '3'],
    ]
    const run = await sapa('long.csv', excelCsv(rows, 'csv-utf8'))
    expect(run.code).toBe(0)
    const services = tableOf(run.reply, 'rating').rows.map((row) => String(row.service).length)
    expect(services.sort((a, b) => a - b)).toEqual([3, 50_000])
    expect(run.reply?.issues.map((i) => i.row)).toEqual([2, 3])
    expect(run.reply?.issues[0].reason).toMatch(
      /^longer than the 50,000 characters a spreadsheet cell holds/,
    )
    // No cell of the sheets' requests is over what a Sheets cell holds; the cut label is in it.
    const plan = sheetRequests(buildSheets(run.reply as ReportReply, { generatedAt: 'now' }))
    const longest = Math.max(
      ...(JSON.stringify(plan)
        .match(/"stringValue":"(?:[^"\\]|\\.)*"/g)
        ?.map((value) => JSON.parse(`{${value}}`).stringValue.length) ?? [0]),
    )
    expect(longest).toBe(50_000)
  })
})
