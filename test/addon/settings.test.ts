import { describe, expect, it } from 'vitest'
import { allowlistPrefix } from '../../addon/build'
import { detectMapping } from '../../addon/src/server/detect'
import { MESSAGES, translator } from '../../addon/src/shared/messages'
import {
  allowedBy,
  checkWorkerUrl,
  DEFAULT_SETTINGS,
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
