import { describe, expect, it } from 'vitest'
import { HEADER, json, signedPost, surveyRows } from './support'

const body = (value: unknown) => JSON.stringify(value)
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

/** The 400 a body gets, with the field it names. */
async function refusal(path: string, payload: string) {
  const response = await signedPost(path, payload)
  const reply = await json(response)
  return {
    status: response.status,
    error: reply.error,
    message: reply.message,
    details: reply.details,
  }
}

describe('every header and cell is checked for its type (issue 11)', () => {
  it.each([
    [
      'a header cell that is an object',
      { header: ['Қызмет', { toString: 1 }], rows: [['1', 5]] },
      'header[1]',
      '"header[1]" must be text, a number, true/false or null, not an object',
    ],
    [
      'a row cell that is an object',
      { header: HEADER, rows: [['1', { toString: 1 }, 'x', 'y', 'z', 5]] },
      'rows[0][1]',
      '"rows[0][1]" must be text, a number, true/false or null, not an object',
    ],
    [
      'a row cell that is an array',
      {
        header: HEADER,
        rows: [
          ['1', 5],
          ['2', [5]],
        ],
      },
      'rows[1][1]',
      '"rows[1][1]" must be text, a number, true/false or null, not an array',
    ],
    [
      'a row that is not an array',
      { header: HEADER, rows: [{ 0: '1' }] },
      'rows[0]',
      '"rows[0]" must be an array of cells',
    ],
    [
      'a plain column value that is an object',
      {
        header: ['Қызмет', 'Жалпы баға'],
        columns: [{ values: ['1'] }, { values: [{ valueOf: 5 }] }],
      },
      'columns[1].values[0]',
      '"columns[1].values[0]" must be text, a number, true/false or null, not an object',
    ],
    [
      'a dictionary entry that is an object',
      {
        header: ['Қызмет', 'Жалпы баға'],
        columns: [{ dict: [{ toString: 1 }], codes: [0] }, { values: [5] }],
      },
      'columns[0].dict[0]',
      '"columns[0].dict[0]" must be text, a number, true/false or null, not an object',
    ],
    [
      'a column that is neither form',
      { header: ['Қызмет', 'Жалпы баға'], columns: [{ cells: [] }, { values: [5] }] },
      'columns[0]',
      '"columns[0]" must be {"values": [...]} or {"dict": [...], "codes": [...]}',
    ],
    [
      'a header that is not an array',
      { header: 'Қызмет,Жалпы баға', rows: [] },
      'header',
      '"header" must be an array of header cells',
    ],
  ])('answers 400 naming the field for %s', async (_, value, field, message) => {
    for (const path of ['/v1/report', '/v1/aggregate']) {
      const reply = await refusal(path, body(value))
      expect(reply, path).toEqual({
        status: 400,
        error: 'bad_request',
        message,
        details: { field },
      })
    }
  })

  it('refuses a header cell longer than a spreadsheet cell holds', async () => {
    const header = ['Қызмет', 'x'.repeat(50_001)]
    const reply = await refusal('/v1/report', body({ header, rows: [['1', 5]] }))
    expect(reply).toMatchObject({
      status: 400,
      message: '"header[1]" must be at most 50,000 characters (a spreadsheet cell), not 50,001',
      details: { field: 'header[1]' },
    })
  })
})

describe('nesting is bounded (issue 11)', () => {
  it.each([
    ['a cell', (deep: string) => `{"header":["Қызмет","Жалпы баға"],"rows":[["1",${deep}]]}`],
    ['the whole body', (deep: string) => deep],
    ['an option', (deep: string) => `{"header":[],"rows":[],"options":{"tables":${deep}}}`],
    ['the states', (deep: string) => `{"states":${deep}}`],
  ])('answers 400 to arrays nested 5,000 deep in %s', async (_, place) => {
    for (const path of ['/v1/report', '/v1/aggregate']) {
      const reply = await refusal(path, place(nested(5000)))
      expect(reply.status, path).toBe(400)
      expect(reply.message).toMatch(
        /^Body nests arrays or objects deeper than 64 levels \(at byte \d+\)$/,
      )
    }
  })

  it('still reads a body as deep as a survey is', async () => {
    const response = await signedPost('/v1/report', body({ header: HEADER, rows: surveyRows() }))
    expect(response.status).toBe(200)
  })

  it('does not count brackets inside strings', async () => {
    const rows = surveyRows().map((row, i) => (i === 0 ? [nested(100), ...row.slice(1)] : row))
    const response = await signedPost('/v1/report', body({ header: HEADER, rows }))
    expect(response.status).toBe(200)
  })
})

describe('a header that is not the survey’s header (issue 11)', () => {
  it('is refused with the row that is, when title rows come first', async () => {
    const rows = [['', '', '', '', '', ''], HEADER, ...surveyRows()]
    const reply = await refusal(
      '/v1/report',
      body({ header: ['Мемлекеттік қызметтер мониторингі, 2017', '', '', '', '', ''], rows }),
    )
    expect(reply).toEqual({
      status: 400,
      error: 'missing_column',
      message:
        '"header" is not the survey\'s header: row 3 of the sheet is ("Қызмет", "Жалпы баға", "Мемлекеттік орган", "Өңір", …); send it as "header", with the rows under it',
      details: { field: 'header', headerRow: 3 },
    })
  })

  it('is refused when the first row under it is a second header row', async () => {
    const header = ['Услуга', '', 'Оценка', '', '']
    const rows = [
      ['Код', 'Наименование', 'Общая', 'Сроки', 'Доверие'],
      ['1', 'Паспорт', 5, 4, 5],
    ]
    for (const payload of [
      { header, rows },
      { header, columns: header.map((_, c) => ({ values: rows.map((row) => row[c]) })) },
    ]) {
      const reply = await refusal('/v1/aggregate', body(payload))
      expect(reply).toMatchObject({
        status: 400,
        error: 'missing_column',
        details: { field: 'rows[0]', headerRows: [1, 2] },
      })
      expect(reply.message).toMatch(
        /^The first row under "header" is a second header row \("Код", "Наименование", "Общая", "Сроки", …\), not a respondent/,
      )
    }
  })
})
