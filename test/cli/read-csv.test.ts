import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeCsv, sniffDelimiter } from '../../cli/read-csv'
import { readSurveyFile } from '../../cli/read-survey'
import { report } from '../../engine/index'
import { excelCsv, windows1251 } from './excel-csv'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-csv-'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function file(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, bytes)
  return path
}

const RUSSIAN = [
  ['Услуга', 'Общая оценка', 'Регион', 'Комментарий'],
  ['Выдача паспорта', '5', 'Алматы', 'Быстро, вежливо; спасибо'],
  ['Регистрация "ИП"', '4', 'Астана', 'Очередь\r\nдве строки'],
]
const KAZAKH = [
  ['Қызмет', 'Жалпы баға', 'Өңір'],
  ['Жер учаскесін беру', '5', 'Қызылорда облысы'],
  ['Төлқұжат беру', '3', 'Түркістан облысы'],
]

describe('a CSV as Excel writes it in Kazakhstan (issue 11)', () => {
  it('checks the test writer against bytes spelled out: «Услуга;Оценка» in Windows-1251', () => {
    expect([...windows1251('Услуга;Оценка\r\n')]).toEqual([
      0xd3, 0xf1, 0xeb, 0xf3, 0xe3, 0xe0, 0x3b, 0xce, 0xf6, 0xe5, 0xed, 0xea, 0xe0, 0x0d, 0x0a,
    ])
    expect([...windows1251('Қ')]).toEqual([0x3f])
  })

  it.each([
    ['"CSV" (Windows-1251, ;)', 'csv-1251', RUSSIAN, 'Windows-1251', ';', false],
    ['"CSV UTF-8" (BOM, ;)', 'csv-utf8', KAZAKH, 'UTF-8', ';', true],
    ['"Unicode Text" (UTF-16LE, BOM, tab)', 'unicode-text', KAZAKH, 'UTF-16LE', '\t', true],
    ['UTF-8 without BOM, comma', 'utf8-plain', KAZAKH, 'UTF-8', ',', false],
  ] as const)('reads %s', async (_, format, rows, encoding, delimiter, bom) => {
    const path = await file(`${format}.csv`, excelCsv(rows, format))
    const read = await readSurveyFile(path)
    expect(read.csv).toMatchObject({ encoding, delimiter, bom, sepLine: false })
    expect([read.values.header, ...read.values.rows]).toEqual(rows)
  })

  it('reads UTF-16BE with its byte-order mark', async () => {
    const le = Buffer.from('Қызмет\tЖалпы баға\r\nЖер\t5\r\n', 'utf16le')
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()])
    const read = await readSurveyFile(await file('be.csv', be))
    expect(read.csv?.encoding).toBe('UTF-16BE')
    expect(read.values.header).toEqual(['Қызмет', 'Жалпы баға'])
    expect(read.values.rows).toEqual([['Жер', '5']])
  })

  it('honours a sep= first line, which is no row', async () => {
    const bytes = Buffer.concat([Buffer.from('sep=;\r\n'), excelCsv(RUSSIAN, 'utf8-plain', ';')])
    const read = await readSurveyFile(await file('sep.csv', bytes))
    expect(read.csv).toMatchObject({ delimiter: ';', sepLine: true })
    expect(read.values.header).toEqual(RUSSIAN[0])
    expect(read.values.rows).toEqual(RUSSIAN.slice(1))
  })

  it('sniffs ; when the text has commas, and , when quoted text has semicolons', () => {
    expect(sniffDelimiter('a;b;c\n1,5;2;Алматы, Медеу\n').delimiter).toBe(';')
    expect(sniffDelimiter('a,b,c\n1,2,"x; y; z"\n3,4,"p;q"\n').delimiter).toBe(',')
    expect(sniffDelimiter('a\tb\n1\t2\n').delimiter).toBe('\t')
  })
})

describe('a CSV that cannot be decoded cleanly is refused (issue 11)', () => {
  it('refuses a file mixing UTF-8 and Windows-1251, naming both lines', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Қызмет,Жалпы баға,Өңір\r\nЖер,5,Алматы\r\n'),
      windows1251('Паспорт,4,Астана\r\n'),
    ])
    const path = await file('mixed.csv', bytes)
    await expect(readSurveyFile(path)).rejects.toThrow(
      `${path}: mixes encodings: line 1 has UTF-8 text, line 3 is not UTF-8 (Windows-1251?); save the whole file in one encoding: save it from Excel as "CSV UTF-8"`,
    )
  })

  it('refuses a line with UTF-8 text pasted into a Windows-1251 line', () => {
    const bytes = Buffer.concat([
      windows1251('Услуга;Оценка\r\nПаспорт;5;'),
      Buffer.from('Алматы'),
      Buffer.from('\r\n'),
    ])
    expect(() => decodeCsv(bytes, 'x.csv')).toThrow(
      'x.csv: mixes encodings: line 2 has UTF-8 text, line 1 is not UTF-8 (Windows-1251?)',
    )
  })

  it('refuses bytes invalid after a UTF-8 byte-order mark, naming the line', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Қызмет;Баға\r\nЖер;5\r\n'),
      Buffer.from([0xc0, 0x3b, 0x35, 0x0d, 0x0a]),
    ])
    expect(() => decodeCsv(bytes, 'x.csv')).toThrow(
      'x.csv: not valid UTF-8 (its byte-order mark says UTF-8): line 3 has bytes that are not UTF-8',
    )
  })

  it('refuses a lone surrogate in UTF-16, naming the line', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Қызмет\tБаға\r\n', 'utf16le'),
      Buffer.from([0x00, 0xd8, 0x35, 0x00, 0x0d, 0x00, 0x0a, 0x00]),
    ])
    expect(() => decodeCsv(bytes, 'x.csv')).toThrow(
      'x.csv: not valid UTF-16LE (its byte-order mark says UTF-16LE): line 2 has bytes that are not UTF-16LE',
    )
  })

  it('refuses a byte Windows-1251 does not use', () => {
    const bytes = Buffer.concat([
      windows1251('Услуга;Оценка\r\nПаспорт;5\r\n'),
      Buffer.from([0x98, 0x0d, 0x0a]),
    ])
    expect(() => decodeCsv(bytes, 'x.csv')).toThrow(
      'x.csv: not UTF-8 and not Windows-1251: line 3 has the byte 0x98, which Windows-1251 does not use',
    )
  })

  it('refuses Kazakh text Excel could not write in Windows-1251 («?ызмет»)', () => {
    // Excel's "CSV" in Kazakhstan: the Kazakh letters are not in the code page.
    expect(() => decodeCsv(excelCsv(KAZAKH, 'csv-1251'), 'x.csv')).toThrow(
      'x.csv: line 1 ("?ызмет"): this Windows-1251 file has "?" where Kazakh letters were (Windows-1251 has no ә ғ қ ң ө ұ ү һ, so Excel replaced them); save it from Excel as "CSV UTF-8"',
    )
  })

  it('accepts question marks that end a word in Windows-1251 text', () => {
    const bytes = windows1251('Услуга;Оценка;Вопрос\r\nПаспорт;5;Почему так долго?\r\n')
    expect(decodeCsv(bytes, 'x.csv').encoding).toBe('Windows-1251')
  })

  it('refuses a quoted field that is never closed, naming its row', async () => {
    const path = await file(
      'quote.csv',
      Buffer.from('Қызмет,Жалпы баға\r\nЖер,5\r\n"Паспорт,4\r\nЖер,3\r\n'),
    )
    await expect(readSurveyFile(path)).rejects.toThrow(
      `${path}: row 3: a quoted field opens there and is never closed (a " is missing)`,
    )
  })

  it('refuses NUL bytes without a byte-order mark (UTF-16 without BOM)', () => {
    const bytes = Buffer.from('Қызмет\tБаға\r\n', 'utf16le')
    expect(() => decodeCsv(bytes, 'x.csv')).toThrow(
      'x.csv: line 1 holds NUL bytes, as UTF-16 without a byte-order mark would',
    )
  })
})

describe('labels stay text (issue 11)', () => {
  const CODES = ['1.1', '1.10', '01', '1', '007', '12345678901234567890', '12345678901234567891']

  it('reads every cell of a CSV as text, codes as written', async () => {
    const rows = [['Қызмет коды', 'Жалпы баға'], ...CODES.map((code) => [code, '5'])]
    const read = await readSurveyFile(await file('codes.csv', excelCsv(rows, 'csv-utf8')))
    expect(read.values.rows.map((row) => row[0])).toEqual(CODES)
    expect(read.values.rows.every((row) => typeof row[1] === 'string')).toBe(true)
  })

  it('scores them as seven services, each with its own code', async () => {
    const rows = [
      ['Қызмет коды', 'Жалпы баға'],
      ...CODES.flatMap((code) => [
        [code, '5'],
        [code, '4'],
      ]),
    ]
    const read = await readSurveyFile(await file('codes2.csv', excelCsv(rows, 'utf8-plain')))
    const result = report(read.values, { minBase: 1 })
    const rating = result.tables.find((t) => t.id === 'rating')
    expect(rating?.rows.map((row) => row.service).sort()).toEqual([...CODES].sort())
    expect(rating?.rows.every((row) => row.n === 2 && row.mean === 4.5)).toBe(true)
    expect(result.summary.issueCount).toBe(0)
  })
})
