import { describe, expect, it } from 'vitest'
import { aggregate, report } from '../../engine/index'
import { isAggregateReply, isErrorBody, isReportReply } from '../../protocol/index'

const survey = {
  header: ['Қызмет', 'Жалпы баға'],
  rows: [
    ['Паспорт', 5],
    ['Паспорт', 4],
  ],
}
const whole = () => ({ ...report(survey), plan: { requests: [{ addSheet: {} }] } })

describe('isReportReply', () => {
  it('accepts the report with its plan or without one, as JSON carries them', () => {
    expect(isReportReply(JSON.parse(JSON.stringify(whole())))).toBe(true)
    expect(isReportReply(JSON.parse(JSON.stringify(report(survey))))).toBe(true)
  })

  it.each([
    ['no engine', { engine: undefined }],
    ['no summary', { summary: null }],
    ['tables not a list', { tables: {} }],
    ['a table without an id', { tables: [{ rows: [] }] }],
    ['no issues', { issues: undefined }],
    ['a plan that is not an object', { plan: [] }],
    ['a plan without requests', { plan: {} }],
  ])('refuses a reply with %s', (_, change) => {
    expect(isReportReply({ ...whole(), ...change })).toBe(false)
  })

  it('refuses what is not an object', () => {
    for (const value of [null, undefined, 'report', 3, [whole()]]) {
      expect(isReportReply(value)).toBe(false)
    }
  })
})

describe('isAggregateReply', () => {
  it('accepts a state with the engine version, and nothing less', () => {
    const state = JSON.parse(JSON.stringify(aggregate(survey)))
    expect(isAggregateReply({ engine: '1', state })).toBe(true)
    expect(isAggregateReply({ engine: '1' })).toBe(false)
    expect(isAggregateReply({ engine: '1', state: [state] })).toBe(false)
    expect(isAggregateReply({ state })).toBe(false)
  })
})

describe('isErrorBody', () => {
  it('accepts the Worker’s error codes only, with a message', () => {
    expect(
      isErrorBody({ error: 'missing_column', message: 'x', details: { role: 'overall' } }),
    ).toBe(true)
    expect(isErrorBody({ error: 'teapot', message: 'x' })).toBe(false)
    expect(isErrorBody({ error: 'internal' })).toBe(false)
    expect(isErrorBody('Bad gateway')).toBe(false)
  })
})
