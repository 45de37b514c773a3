import { describe, expect, it } from 'vitest'
import { detectColumns, findColumns, SurveyError } from '../../engine'
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
    })
  })
})
