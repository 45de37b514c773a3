import { describe, expect, it } from 'vitest'
import { detectColumns, findColumns, locateHeader, SurveyError } from '../../engine'
import { HEADER } from '../../samples/generator/sheet'

describe('findColumns', () => {
  it("recognises the sample's Kazakh headers", () => {
    const header = [...HEADER]
    expect(findColumns(header)).toEqual({
      service: 3,
      agency: 4,
      region: 5,
      channel: 6,
      age: 7,
      gender: 8,
      overall: 9,
      infoAccess: 10,
      infoClarity: 11,
      documents: 12,
      timeliness: 13,
      staffCompetence: 14,
      staffSpeed: 15,
      staffCourtesy: 16,
      trust: 17,
      complaint: 18,
      informalPayment: 19,
      connections: 20,
    })
  })

  it("recognises the report's own wording (key-driver and table 3 labels)", () => {
    const header = [
      'Қызмет',
      'Қызметке жалпы баға',
      'Ақпараттың қолжетімділігі мен ашықтығы',
      'Құжаттарды жинау және тапсыру процесі оңай әрі түсінікті',
      'Қызметкердің әдептілігі мен кәсіби әдебі',
      'Тамыр-таныстарды пайдалану',
      'Бейресми сыйақылар',
      'Шағымдар',
    ]
    expect(findColumns(header)).toMatchObject({
      service: 0,
      overall: 1,
      infoAccess: 2,
      documents: 3,
      staffCourtesy: 4,
      connections: 5,
      informalPayment: 6,
      complaint: 7,
    })
  })

  it('recognises Russian headers, whatever the case and spacing', () => {
    const header = [
      'Услуга',
      '  ОБЩАЯ  оценка услуги ',
      'Регион',
      'Канал получения',
      'Государственный орган',
      'Возраст',
      'Пол',
      'Доверие к услугодателю',
      'Жалобы',
      'Вес',
    ]
    expect(findColumns(header)).toEqual({
      service: 0,
      overall: 1,
      region: 2,
      channel: 3,
      agency: 4,
      age: 5,
      gender: 6,
      trust: 7,
      complaint: 8,
      weight: 9,
    })
  })

  it('recognises English headers', () => {
    const header = [
      'Service',
      'Agency',
      'Region',
      'Channel',
      'Overall satisfaction',
      'Information access',
      'Timeliness',
      'Staff courtesy',
      'Trust',
      'Informal payment',
      'Personal connections',
      'Survey weight',
      'Level',
    ]
    expect(findColumns(header)).toEqual({
      service: 0,
      agency: 1,
      region: 2,
      channel: 3,
      overall: 4,
      infoAccess: 5,
      timeliness: 6,
      staffCourtesy: 7,
      trust: 8,
      informalPayment: 9,
      connections: 10,
      weight: 11,
      level: 12,
    })
  })

  it('lets an explicit mapping override detection', () => {
    const header = ['Қызмет', 'Q1', 'Жалпы баға']
    expect(findColumns(header, { overall: 'Q1' })).toEqual({ service: 0, overall: 1 })
  })

  it('names the missing role and lists the headers found', () => {
    const attempt = () => findColumns(['Өңір', 'Жалпы баға'])
    expect(attempt).toThrow(SurveyError)
    expect(attempt).toThrow(
      'Required column "service" (service name or code, e.g. «Мемлекеттік көрсетілетін қызмет» / «Услуга») not found. Headers found: "Өңір", "Жалпы баға"',
    )
    try {
      attempt()
    } catch (error) {
      expect((error as SurveyError).code).toBe('missing_column')
      expect((error as SurveyError).details).toEqual({
        role: 'service',
        headers: ['Өңір', 'Жалпы баға'],
      })
    }
  })

  it('refuses a mapping to a header that is not there', () => {
    expect(() => findColumns(['Қызмет', 'Жалпы баға'], { overall: 'Баға 2' })).toThrow(
      'Column "Баға 2" mapped to overall is not in the header. Headers found: "Қызмет", "Жалпы баға"',
    )
  })

  it('detects without failing: the partial mapping and the required roles missing', () => {
    expect(detectColumns(['Өңір', ' Жалпы баға ', 'Сенім'])).toEqual({
      columns: { overall: 1, region: 0, trust: 2 },
      mapping: { overall: 'Жалпы баға', region: 'Өңір', trust: 'Сенім' },
      missing: ['service'],
      choices: {},
      duplicates: [],
    })
  })
})

describe('the best match wins (issue 11)', () => {
  it('takes «Канал связи» for the channel, not the personal-connections barrier', () => {
    const { columns, choices } = detectColumns(['Услуга', 'Общая оценка', 'Канал связи'])
    expect(columns).toEqual({ service: 0, overall: 1, channel: 2 })
    // The choice is told: the header also fitted connections, which it was not given to.
    expect(choices.connections).toEqual(['Канал связи'])
  })

  it('still gives «Канал связи» to the channel when a real connections column exists', () => {
    const header = ['Использование связей', 'Канал связи', 'Услуга', 'Оценка']
    expect(findColumns(header)).toEqual({ connections: 0, channel: 1, service: 2, overall: 3 })
  })

  it('prefers the exact name over a stem, wherever the columns are', () => {
    // «Сроки оказания услуги» names timeliness exactly; «Услуга» is the service, not the stem
    // inside the other header.
    expect(findColumns(['Сроки оказания услуги', 'Услуга', 'Общая оценка'])).toEqual({
      timeliness: 0,
      service: 1,
      overall: 2,
    })
  })

  it('reports the header passed over when two could fit a role', () => {
    const { mapping, choices } = detectColumns([...HEADER])
    expect(mapping.service).toBe('Мемлекеттік көрсетілетін қызмет')
    expect(choices.service).toEqual(['Қызмет коды'])
  })

  it('never gives two roles one column', () => {
    // Every stem of this header fits several roles; each column still plays at most one.
    const header = ['Жалпы баға', 'Оценка сроков', 'Сроки', 'Услуга']
    const { columns } = detectColumns(header)
    const used = Object.values(columns)
    expect(new Set(used).size).toBe(used.length)
    expect(columns).toMatchObject({ overall: 0, timeliness: 2, service: 3 })
  })
})

describe('Kazakh as people type it (issue 11)', () => {
  it('recognises Kazakh typed with Russian look-alike letters', () => {
    const header = ['Кызмет', 'Жалпы бага', 'Онир', 'Сеним', 'Шагым', 'Салмак']
    expect(findColumns(header)).toEqual({
      service: 0,
      overall: 1,
      region: 2,
      trust: 3,
      complaint: 4,
      weight: 5,
    })
  })

  it('recognises the Kazakh Latin alphabet, with acute (2018) or other (2021) letters', () => {
    expect(findColumns(['Qyzmet', 'Baǵa', 'Óńir', 'Senim', 'Shaǵym'])).toEqual({
      service: 0,
      overall: 1,
      region: 2,
      trust: 3,
      complaint: 4,
    })
    expect(findColumns(['Qızmet', 'Jalpı bağa', 'Öñir', 'Salmaq'])).toEqual({
      service: 0,
      overall: 1,
      region: 2,
      weight: 3,
    })
  })

  it('recognises «і» typed as a Latin i', () => {
    // A keyboard without Kazakh letters: і typed as Latin i, қ as к.
    expect(findColumns(['Кызмет', 'Жалпы баға', 'Сенiм'])).toMatchObject({ trust: 2 })
  })
})

describe('duplicate and conflicting columns (issue 11)', () => {
  it('refuses two columns with the same header, naming both', () => {
    const attempt = () => findColumns(['Қызмет', 'Өңір', 'Жалпы баға', 'Өңір'])
    expect(attempt).toThrow(SurveyError)
    expect(attempt).toThrow(
      'Columns 2 (B) and 4 (D) both have the header "Өңір": rename one so that each column is named once',
    )
  })

  it('ignores duplicates among columns no role reads', () => {
    const header = ['Қызмет', 'Комментарий', 'Жалпы баға', 'Комментарий', '', '']
    expect(findColumns(header)).toEqual({ service: 0, overall: 2 })
  })

  it('refuses a mapping that gives one column two roles', () => {
    expect(() =>
      findColumns(['Q1', 'Q2', 'Q3'], { service: 'Q1', overall: 'Q2', region: 'Q2' }),
    ).toThrow(
      'The mapping gives column 2 (B) "Q2" two roles, overall and region: a column plays one role',
    )
  })

  it('keeps a mapped column from detection, and detects the rest around it', () => {
    // «Өңір» would be the region; mapped to service, the region is left unfound.
    expect(findColumns(['Өңір', 'Жалпы баға'], { service: 'Өңір' })).toEqual({
      service: 0,
      overall: 1,
    })
  })
})

describe('locateHeader: the header row a person would see (issue 11)', () => {
  const data = [
    ['1', 5, 'Алматы'],
    ['2', 4, 'Астана'],
  ]

  it('reads row 1 as the header when it is one', () => {
    const layout = locateHeader([['Қызмет', 'Жалпы баға', 'Өңір'], ...data])
    expect(layout).toMatchObject({ first: 1, last: 1, header: ['Қызмет', 'Жалпы баға', 'Өңір'] })
  })

  it('finds the header under title rows, which are not respondents', () => {
    const grid = [
      ['Мемлекеттік қызметтер сапасының мониторингі, 2017', '', ''],
      ['', '', ''],
      ['Қызмет', 'Жалпы баға', 'Өңір'],
      ...data,
    ]
    const layout = locateHeader(grid)
    expect(layout).toMatchObject({ first: 3, last: 3, header: ['Қызмет', 'Жалпы баға', 'Өңір'] })
    expect(layout.detection.columns).toEqual({ service: 0, overall: 1, region: 2 })
  })

  it('joins a two-row header: merged group titles over their sub-headers', () => {
    // As Excel exports merged cells: the title in the first cell of the merge, blanks after.
    const grid = [
      ['Услуга', '', 'Оценка', '', ''],
      ['Код', 'Наименование', 'Общая', 'Сроки', 'Доверие'],
      ['1', 'Паспорт', 5, 4, 5],
    ]
    const layout = locateHeader(grid)
    expect(layout.first).toBe(1)
    expect(layout.last).toBe(2)
    expect(layout.header).toEqual([
      'Услуга Код',
      'Услуга Наименование',
      'Оценка Общая',
      'Оценка Сроки',
      'Оценка Доверие',
    ])
    expect(layout.detection.columns).toMatchObject({ overall: 2, timeliness: 3, trust: 4 })
    expect(layout.detection.columns.service).toBeDefined()
  })

  it('takes the sub-header row as the header when it alone names the columns', () => {
    // Two header rows in two languages: the row that is not a respondent is never one.
    const grid = [
      ['Мемлекеттік көрсетілетін қызмет', 'Қызметке жалпы баға', 'Өңір'],
      ['Услуга', 'Общая оценка', 'Регион'],
      ['Паспорт', 5, 'Алматы'],
    ]
    const layout = locateHeader(grid)
    expect(layout.first).toBe(1)
    expect(layout.last).toBe(2)
    expect(layout.detection.columns).toEqual({ service: 0, overall: 1, region: 2 })
  })

  it('never takes a respondent for a second header row, even one whose values name roles', () => {
    // A bad overall score, no aspect answered, and an agency and a region that hold the
    // stems of their roles: still a respondent.
    const grid = [
      ['Қызмет', 'Мемлекеттік орган', 'Өңір', 'Жалпы баға', 'Сенім'],
      ['Жер учаскесі', 'Денсаулық сақтау министрлігі', 'Алматы облысы', 'abc', ''],
      ['Жер учаскесі', 'ЖАО', 'Алматы облысы', 5, 4],
    ]
    expect(locateHeader(grid)).toMatchObject({ first: 1, last: 1 })
  })

  it('refuses, with a hint, a sheet where no row of the first ten is a header', () => {
    const grid = [['Отчёт', '', ''], ...Array.from({ length: 12 }, () => ['x', 'y', 'z'])]
    expect(() => locateHeader(grid)).toThrow(
      /Required column "service" .* not found\. Headers found: "Отчёт", "", ""\. No row among the first 10 names both the service and the overall score: put the header row on top, or map the columns/,
    )
  })
})
