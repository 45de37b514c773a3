import { describe, expect, it } from 'vitest'
import { detectMapping } from '../../addon/src/server/detect'
import {
  checkWorkerUrl,
  DEFAULT_SETTINGS,
  type SettingsDraft,
  validateSettings,
} from '../../addon/src/shared/settings'

const headers = ['Қызмет', 'Жалпы баға', 'Өңір', 'Сенім']
const draft = (patch: Partial<SettingsDraft> = {}): SettingsDraft => ({
  ...DEFAULT_SETTINGS,
  sheet: 'Responses',
  mapping: { service: 'Қызмет', overall: 'Жалпы баға', region: 'Өңір' },
  workerUrl: 'https://sapa.example.workers.dev/',
  ...patch,
})
const context = { sheets: ['Responses'], headers }

describe('validateSettings', () => {
  it('accepts good settings, trimming the URL and reading the minimum base as a number', () => {
    const result = validateSettings(draft({ minBase: ' 50 ' }), context)
    expect(result).toEqual({
      ok: true,
      settings: expect.objectContaining({
        minBase: 50,
        workerUrl: 'https://sapa.example.workers.dev',
      }),
    })
  })

  it('names each bad field', () => {
    const result = validateSettings(
      draft({
        sheet: 'Gone',
        mapping: { overall: 'Жалпы баға', region: 'Жалпы баға', trust: 'Нет такого' },
        minBase: '2.5',
        tables: [],
        workerUrl: 'http://sapa.example.workers.dev',
      }),
      context,
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        sheet: 'Choose the sheet of responses',
        'mapping.service': 'Required: choose its column',
        'mapping.region': 'Column "Жалпы баға" is already used for overall',
        'mapping.trust': 'Column "Нет такого" is not in the header row',
        minBase: 'Minimum base must be a whole number from 1 to 1000000',
        tables: 'Choose at least one table',
        workerUrl: 'Use https:// (http only for localhost)',
      },
    })
  })

  it('allows plain http only for a Worker on this machine', () => {
    expect(checkWorkerUrl('http://127.0.0.1:8787')).toBeNull()
    expect(checkWorkerUrl('')).toMatch(/Enter the Worker URL/)
    expect(checkWorkerUrl('sapa.workers.dev')).toMatch(/Not a URL/)
  })
})

describe('detectMapping', () => {
  it('maps headers as the engine does', () => {
    expect(detectMapping(headers)).toEqual({
      detected: { service: 'Қызмет', overall: 'Жалпы баға', region: 'Өңір', trust: 'Сенім' },
      problem: null,
    })
  })

  it('keeps the roles it found when a required one has no column', () => {
    expect(detectMapping(['Өңір', 'Жалпы баға'])).toEqual({
      detected: { overall: 'Жалпы баға', region: 'Өңір' },
      problem: 'No column found for "service": choose it below',
    })
  })
})
