import { describe, expect, it } from 'vitest'
import { allowlistPrefix } from '../../addon/build'
import { detectMapping } from '../../addon/src/server/detect'
import { describeProblems, readMargins } from '../../addon/src/server/margins'
import { MESSAGES, translator } from '../../addon/src/shared/messages'
import {
  allowedBy,
  checkWorkerUrl,
  DEFAULT_SETTINGS,
  previousMapping,
  type SettingsDraft,
  validateSettings,
} from '../../addon/src/shared/settings'

const en = translator('en')
const headers = ['Қызмет', 'Жалпы баға', 'Өңір', 'Сенім']
const draft = (patch: Partial<SettingsDraft> = {}): SettingsDraft => ({
  ...DEFAULT_SETTINGS,
  sheet: 'Responses',
  mapping: { service: 'Қызмет', overall: 'Жалпы баға', region: 'Өңір' },
  workerUrl: 'https://sapa.example.workers.dev/',
  ...patch,
})
const context = { sheets: ['Responses'], headers, allowlist: [] }

describe('validateSettings', () => {
  it('accepts good settings, trimming the URL and reading the minimum base as a number', () => {
    const result = validateSettings(draft({ minBase: ' 50 ' }), context, en)
    expect(result).toEqual({
      ok: true,
      settings: expect.objectContaining({
        minBase: 50,
        workerUrl: 'https://sapa.example.workers.dev',
      }),
    })
  })

  it('names each bad field, in the language asked for', () => {
    const bad = draft({
      sheet: 'Gone',
      mapping: { overall: 'Жалпы баға', region: 'Жалпы баға', trust: 'Нет такого' },
      minBase: '2.5',
      tables: [],
      workerUrl: 'http://sapa.example.workers.dev',
    })
    expect(validateSettings(bad, context, en)).toEqual({
      ok: false,
      errors: {
        sheet: 'Choose the sheet of responses',
        'mapping.service': 'Required: choose its column',
        'mapping.region': 'Column "Жалпы баға" is already used for "Overall score"',
        'mapping.trust': 'Column "Нет такого" is not in the header row',
        minBase: 'Minimum base must be a whole number from 1 to 1000000',
        tables: 'Choose at least one table',
        workerUrl:
          'Use https://: Google’s servers make the call, and a deployed add-on may fetch only https addresses',
      },
    })
    const ru = validateSettings(bad, context, translator('ru'))
    expect(ru.ok === false && ru.errors['mapping.region']).toBe(
      'Столбец «Жалпы баға» уже выбран для «Общая оценка»',
    )
    const kk = validateSettings(bad, context, translator('kk'))
    expect(kk.ok === false && kk.errors.sheet).toBe('Жауаптар парағын таңдаңыз')
  })
})

describe('validateSettings: questions, scale, significance, drivers, waves and weighting', () => {
  const wide = [
    ...headers,
    'Кезек',
    'Онлайн',
    'Ақпарат: интернет',
    'Ақпарат: таныстар',
    'Шағым жолы',
  ]
  const wideContext = { ...context, sheets: ['Responses', '2016', 'Margins'], headers: wide }

  it('accepts the declared questions, a 1..10 scale, Holm at 99 %, trust left out, a previous wave and margins', () => {
    const result = validateSettings(
      draft({
        mapping: { service: 'Қызмет', overall: 'Жалпы баға', region: 'Өңір', trust: 'Сенім' },
        questions: [
          { key: ' waitingTime ', type: 'rating', header: 'Кезек' },
          { key: 'sources', type: 'multi', headers: ['Ақпарат: интернет', 'Ақпарат: таныстар'] },
          { key: 'complaintWay', type: 'choice', header: 'Шағым жолы' },
          { key: 'online', type: 'yesno', header: 'Онлайн' },
        ],
        scale: { min: '1', max: '10' },
        significance: { level: '0.01', correction: 'holm' },
        driversExclude: ['trust', 'waitingTime'],
        previousSheet: '2016',
        marginsSheet: 'Margins',
        trim: { min: '0,3', max: ' 3 ' },
      }),
      { ...wideContext, previousHeaders: ['Қызмет', 'Жалпы баға'] },
      en,
    )
    expect(result).toEqual({
      ok: true,
      settings: expect.objectContaining({
        questions: [
          { key: 'waitingTime', type: 'rating', header: 'Кезек' },
          { key: 'sources', type: 'multi', headers: ['Ақпарат: интернет', 'Ақпарат: таныстар'] },
          { key: 'complaintWay', type: 'choice', header: 'Шағым жолы' },
          { key: 'online', type: 'yesno', header: 'Онлайн' },
        ],
        scale: { min: 1, max: 10 },
        significance: { level: 0.01, correction: 'holm' },
        driversExclude: ['trust', 'waitingTime'],
        previousSheet: '2016',
        marginsSheet: 'Margins',
        trim: { min: 0.3, max: 3 },
      }),
    })
  })

  it('names each question’s first problem, by the engine’s own rule for keys the tables use', () => {
    const result = validateSettings(
      draft({
        questions: [
          { key: 'Кезек', type: 'rating', header: 'Кезек' },
          { key: 'trust', type: 'rating', header: 'Кезек' },
          { key: 'n', type: 'yesno', header: 'Кезек' },
          { key: 'a', type: 'rating', header: 'Онлайн' },
          { key: 'a', type: 'rating', header: 'Кезек' },
          { key: 'b', type: 'multi', headers: [] },
          { key: 'c', type: 'choice', header: '' },
          { key: 'd', type: 'rating', header: 'Өңір' },
          { key: 'e', type: 'rating', header: 'Нет такого' },
          { key: 'f', type: 'yesno', header: 'Онлайн' },
          { key: 'g', type: 'sometimes' as 'yesno', header: 'Кезек' },
          { key: 'h', type: 'multi', headers: ['Шағым жолы', 'Шағым жолы'] },
        ],
      }),
      wideContext,
      en,
    )
    expect(result.ok === false && result.errors).toEqual({
      'questions.0': 'Key: a Latin letter, then letters, digits or _ (e.g. waitingTime)',
      'questions.1': 'Key "trust" is a column the report already has: choose another',
      'questions.2': 'Key "n" is a column the report already has: choose another',
      'questions.4': 'Key "a" is given to two questions',
      'questions.5': 'Choose the question’s columns, one per option',
      'questions.6': 'Choose the question’s column',
      'questions.7': 'Column "Өңір" is already used for "Region"',
      'questions.8': 'Column "Нет такого" is not in the header row',
      'questions.9': 'Column "Онлайн" is already used for question "a"',
      'questions.10': 'Choose the question’s type',
      'questions.11': 'Column "Шағым жолы" is chosen twice',
    })
  })

  it('refuses a scale, significance, driver, previous wave, margins or trimming bound that cannot be', () => {
    const result = validateSettings(
      draft({
        scale: { min: '2', max: '10' },
        significance: { level: '0.5', correction: 'tukey' },
        driversExclude: ['trust'],
        previousSheet: 'Responses',
        marginsSheet: 'Gone',
        trim: { min: '1.5', max: '0.9' },
      }),
      wideContext,
      en,
    )
    expect(result.ok === false && result.errors).toEqual({
      scale: 'The scale runs from 0 or 1 to 5…10',
      significance: 'Choose the confidence and the correction',
      driversExclude: '"trust" is not rated in this survey',
      previousSheet: 'The previous wave is on another sheet than the responses',
      marginsSheet: 'There is no sheet "Gone"',
      'trim.min': 'Blank, or a number between 0 and 1 (e.g. 0.3)',
      'trim.max': 'Blank, or a number above 1 (e.g. 3)',
    })
    for (const scale of [
      { min: '0', max: '4' },
      { min: '1', max: '11' },
      { min: '1', max: '7.5' },
    ]) {
      const bad = validateSettings(draft({ scale }), wideContext, en)
      expect(bad.ok === false && bad.errors.scale, JSON.stringify(scale)).toBeTruthy()
    }
    const zeroToTen = validateSettings(draft({ scale: { min: 0, max: 10 } }), wideContext, en)
    expect(zeroToTen.ok && zeroToTen.settings.scale).toEqual({ min: 0, max: 10 })
  })

  it('checks the previous wave’s header: this wave’s headers where it has them, the rest detected', () => {
    const previousHeaders = ['Service', 'Overall', 'Өңір']
    const ok = validateSettings(
      draft({ previousSheet: '2016' }),
      { ...wideContext, previousHeaders },
      en,
    )
    expect(ok.ok).toBe(true)
    expect(previousMapping({ service: 'Қызмет', region: 'Өңір' }, previousHeaders)).toEqual({
      region: 'Өңір',
    })
    const missing = validateSettings(
      draft({ previousSheet: '2016' }),
      { ...wideContext, previousHeaders: ['Overall', 'Өңір'] },
      translator('ru'),
    )
    expect(missing.ok === false && missing.errors.previousSheet).toBe(
      'На листе предыдущей волны нет столбца для «Услуга»',
    )
    const same = validateSettings(
      draft({ previousSheet: '2016', marginsSheet: '2016' }),
      wideContext,
      en,
    )
    expect(same.ok === false && same.errors.marginsSheet).toBe(
      'The margins are on a sheet of their own, not the responses or the previous wave',
    )
  })
})

describe('readMargins', () => {
  it('reads role, category and share rows under an optional header, by key or by name in any language', () => {
    const { margins, problems } = readMargins([
      ['role', 'category', 'share'],
      ['region', 'North', 0.25],
      ['Өңір', 'South', '0,25'],
      ['Регион', 'East', '50%'],
      [],
      ['', '', ''],
      ['Gender', 'Әйел', 0.5],
      ['жыныс', 'Ер', 0.5],
      ['Level', 'central', 1],
    ])
    expect(problems).toEqual([])
    expect(margins).toEqual({
      region: { North: 0.25, South: 0.25, East: 0.5 },
      gender: { Әйел: 0.5, Ер: 0.5 },
      level: { central: 1 },
    })
  })

  it('names each row it cannot read, and a role whose shares miss 1, in the dialog’s words', () => {
    const { problems } = readMargins([
      ['region', 'North', 0.5],
      ['regionn', 'South', 0.5],
      ['overall', 'x', 0.5],
      ['region', '  ', 0.5],
      ['region', 'West', 'abc'],
      ['region', 'East', 1.5],
      ['region', 'North', 0.25],
    ])
    expect(describeProblems(problems, en)).toBe(
      [
        'row 2: "regionn" is not a role to weight by (service, agency, region, channel, level, age, gender)',
        'row 3: "overall" is not a role to weight by (service, agency, region, channel, level, age, gender)',
        'row 4: no category',
        'row 5: "abc" is not a share (a number from 0 to 1)',
        'row 6: "1.5" is not a share (a number from 0 to 1)',
        'row 7: "North" is given twice for region',
        'the shares of region sum to 0.5, not 1',
      ].join('; '),
    )
    expect(describeProblems(problems, en, 2)).toMatch(/; and 5 more$/)
  })
})

describe('checkWorkerUrl', () => {
  it('refuses plain http and this computer’s addresses, which Google’s servers cannot reach', () => {
    for (const url of [
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://sapa.example.dev',
    ]) {
      expect(checkWorkerUrl(url, [], en), url).toMatch(/^Use https:\/\//)
    }
    for (const url of [
      'https://localhost',
      'https://localhost:8787',
      'https://127.0.0.1:8787',
      'https://127.4.5.6',
      'https://[::1]:8787',
      'https://api.localhost',
      'https://0.0.0.0',
    ]) {
      expect(checkWorkerUrl(url, [], en), url).toMatch(/a computer’s own address/)
    }
    expect(checkWorkerUrl('', [], en)).toMatch(/Enter the Worker URL/)
    expect(checkWorkerUrl('sapa.workers.dev', [], en)).toMatch(/Not a URL/)
    expect(checkWorkerUrl('https://sapa.example.workers.dev', [], en)).toBeNull()
  })

  it('with an allowlist built in, refuses a URL outside it and says which it allows', () => {
    const allowlist = ['https://sapa.stat.gov.kz/', 'https://*.workers.dev/sapa/']
    expect(checkWorkerUrl('https://sapa.stat.gov.kz', allowlist, en)).toBeNull()
    expect(checkWorkerUrl('https://SAPA.stat.gov.kz/v2', allowlist, en)).toBeNull()
    expect(checkWorkerUrl('https://a.workers.dev/sapa', allowlist, en)).toBeNull()
    expect(checkWorkerUrl('https://sapa.stat.gov.kz.evil.example', allowlist, en)).toBe(
      'This add-on may call only https://sapa.stat.gov.kz/, https://*.workers.dev/sapa/ (the urlFetchWhitelist of its manifest): ask whoever built it to add this Worker',
    )
    expect(checkWorkerUrl('https://a.workers.dev/other', allowlist, en)).toMatch(/may call only/)
    expect(checkWorkerUrl('https://a.workers.dev/Sapa', allowlist, en)).toMatch(/may call only/)
  })

  it('matches prefixes as Google documents: equal, or under the prefix; the path case-sensitive', () => {
    const prefix = 'https://example.com/foo'
    for (const url of [
      'https://example.com/foo',
      'https://example.com/foo/',
      'https://example.com/foo/bar',
      'https://example.com/foo?bar',
    ]) {
      expect(allowedBy(prefix, url), url).toBe(true)
    }
    expect(allowedBy(prefix, 'https://example.com/Foo')).toBe(false)
    expect(allowedBy('https://*.example.com/', 'https://a.b.example.com/x')).toBe(true)
    expect(allowedBy('https://*.example.com/', 'https://example.com/x')).toBe(false)
  })
})

describe('allowlistPrefix (npm run build:addon -- --worker-url …)', () => {
  it('is the https URL with a trailing slash; anything else is refused', () => {
    expect(allowlistPrefix('https://sapa.stat.gov.kz')).toBe('https://sapa.stat.gov.kz/')
    expect(allowlistPrefix('https://sapa.x.workers.dev/')).toBe('https://sapa.x.workers.dev/')
    for (const bad of [
      'http://sapa.x.workers.dev',
      'https://localhost',
      'sapa.x.workers.dev',
      '',
    ]) {
      expect(() => allowlistPrefix(bad), bad).toThrow(/--worker-url must be an https URL/)
    }
  })
})

describe('detectMapping', () => {
  it('maps headers as the engine does', () => {
    expect(detectMapping(headers, en)).toEqual({
      detected: { service: 'Қызмет', overall: 'Жалпы баға', region: 'Өңір', trust: 'Сенім' },
      problem: null,
    })
  })

  it('keeps the roles it found when a required one has no column', () => {
    expect(detectMapping(['Өңір', 'Жалпы баға'], translator('kk'))).toEqual({
      detected: { overall: 'Жалпы баға', region: 'Өңір' },
      problem: '«Қызмет» үшін баған табылмады: оны төменде таңдаңыз',
    })
  })
})

describe('the messages', () => {
  it('exist in kk, ru and en for the same keys, with the same {placeholders}', () => {
    const keys = Object.keys(MESSAGES.en).sort()
    for (const locale of ['kk', 'ru'] as const) {
      expect(Object.keys(MESSAGES[locale]).sort(), locale).toEqual(keys)
      for (const key of keys) {
        const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
        const k = key as keyof typeof MESSAGES.en
        expect(slots(MESSAGES[locale][k]), `${locale} ${key}`).toEqual(slots(MESSAGES.en[k]))
      }
    }
  })
})
