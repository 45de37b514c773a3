import { describe, expect, it } from 'vitest'
import {
  levelOfAgency,
  parseAge,
  parseChannel,
  parseGender,
  parseLabel,
  parseLevel,
  parseScore,
  parseWeight,
  parseYesNo,
} from '../../engine'

const value = <T>(v: T) => ({ ok: true, value: v })
const missing = { ok: false, reason: null }

describe('parseScore', () => {
  it.each([
    [5, 5],
    [1, 1],
    ['5', 5],
    [5.0, 5],
    ['5.0', 5],
    ['5,0', 5],
    [' 4 ', 4],
    ['5 балл', 5],
    ['3 балла', 3],
    ['2 баллов', 2],
    ['4 points', 4],
    ['өте жақсы', 5],
    ['Жақсы', 4],
    ['орташа', 3],
    ['нашар', 2],
    ['өте нашар', 1],
    ['Отлично', 5],
    ['хорошо', 4],
    ['удовлетворительно', 3],
    ['плохо', 2],
    ['очень плохо', 1],
    ['Very good', 5],
    ['good', 4],
    ['fair', 3],
    ['poor', 2],
    ['very poor', 1],
  ])('reads %j as %d', (cell, score) => {
    expect(parseScore(cell)).toEqual(value(score))
  })

  it.each([
    '',
    '   ',
    null,
    undefined,
    'Жауап беруге қиналамын',
    'жауап беруге қиналамын.',
    'Затрудняюсь ответить',
    'Hard to say',
    '-',
  ])('treats %j as missing', (cell) => {
    expect(parseScore(cell)).toEqual(missing)
  })

  it.each([
    [0, 'outside the scale 1..5'],
    [6, 'outside the scale 1..5'],
    ['6', 'outside the scale 1..5'],
    [4.5, 'not a whole score 1..5'],
    ['4,5', 'not a whole score 1..5'],
    ['abc', 'not a score 1..5'],
    ['жақсыы', 'not a score 1..5'],
    ['5-5', 'not a score 1..5'],
    [Number.NaN, 'not a number'],
    [true, 'TRUE/FALSE, not a score 1..5'],
    [new Date(2017, 7, 14), 'a date, not a score 1..5'],
  ])('rejects %j: %s', (cell, reason) => {
    expect(parseScore(cell)).toEqual({ ok: false, reason })
  })
})

describe('parseYesNo', () => {
  it.each([
    ['Иә', 1],
    ['иә', 1],
    ['Жоқ', 0],
    ['Да', 1],
    ['Нет', 0],
    ['Yes', 1],
    ['no', 0],
    [1, 1],
    [0, 0],
    ['1', 1],
    ['0', 0],
    [true, 1],
    [false, 0],
    ['TRUE', 1],
    ['FALSE', 0],
  ])('reads %j as %d', (cell, answer) => {
    expect(parseYesNo(cell)).toEqual(value(answer))
  })

  it('treats blanks and «hard to say» as missing', () => {
    expect(parseYesNo('')).toEqual(missing)
    expect(parseYesNo('Затрудняюсь ответить')).toEqual(missing)
  })

  it.each([
    [2, 'not yes/no (1/0)'],
    ['мүмкін', 'not yes/no'],
    [new Date(0), 'a date, not yes/no'],
  ])('rejects %j: %s', (cell, reason) => {
    expect(parseYesNo(cell)).toEqual({ ok: false, reason })
  })
})

describe('parseChannel', () => {
  it.each([
    ['Мемлекеттік орган', 'body'],
    ['Меморган', 'body'],
    ['Государственный орган', 'body'],
    ['State body', 'body'],
    ['Мемлекеттік корпорация (ХҚКО)', 'corp'],
    ['Мемкорпорация', 'corp'],
    ['ХҚКО', 'corp'],
    ['ЦОН', 'corp'],
    ['Госкорпорация', 'corp'],
    ['State Corporation', 'corp'],
    ['Электрондық үкімет порталы', 'portal'],
    ['eGov', 'portal'],
    ['Портал электронного правительства', 'portal'],
    ['e-government portal', 'portal'],
  ])('reads %j as %s', (cell, channel) => {
    expect(parseChannel(cell)).toEqual(value(channel))
  })

  it('rejects an unknown place', () => {
    expect(parseChannel('Базар')).toEqual({
      ok: false,
      reason: 'not a channel (state body, State Corporation or e-government portal)',
    })
  })
})

describe('levels', () => {
  it.each([
    ['Жергілікті атқарушы органдар', 'local'],
    ['ЖАО', 'local'],
    ['Астана қаласының әкімдігі', 'local'],
    ['Акимат г. Алматы', 'local'],
    ['Местные исполнительные органы', 'local'],
    ['Local executive bodies', 'local'],
    ['Бас прокуратура', 'central'],
    ['Министерство юстиции', 'central'],
    ['Жоғарғы Сот', 'central'],
  ])('derives the level of agency %j: %s', (agency, level) => {
    expect(levelOfAgency(agency)).toBe(level)
  })

  it.each([
    ['Орталық', 'central'],
    ['central', 'central'],
    ['Жергілікті', 'local'],
    ['местный', 'local'],
    ['ЖАО', 'local'],
  ])('reads level %j as %s', (cell, level) => {
    expect(parseLevel(cell)).toEqual(value(level))
  })
  it('rejects an unknown level', () => {
    expect(parseLevel('аудан')).toEqual({ ok: false, reason: 'not a level (central or local)' })
  })
})

describe('other cells', () => {
  it('reads ages into the report bands and keeps typed bands', () => {
    expect(parseAge(20)).toEqual(value('18-21'))
    expect(parseAge('35')).toEqual(value('30-39'))
    expect(parseAge(65)).toEqual(value('60+'))
    expect(parseAge('22 – 29')).toEqual(value('22-29'))
    expect(parseAge('60+')).toEqual(value('60+'))
    expect(parseAge(-3)).toEqual({ ok: false, reason: 'age outside 10..120' })
    expect(parseAge(30.5)).toEqual({ ok: false, reason: 'age is not a whole number of years' })
    expect(parseAge('жас')).toEqual({
      ok: false,
      reason: 'not an age in years or a band such as 18-21',
    })
  })

  it('reads genders in three languages', () => {
    for (const cell of ['Ер', 'ер', 'Мужской', 'М', 'male']) {
      expect(parseGender(cell)).toEqual(value('male'))
    }
    for (const cell of ['Әйел', 'Женский', 'Ж', 'Female', 'F']) {
      expect(parseGender(cell)).toEqual(value('female'))
    }
    expect(parseGender('x')).toEqual({ ok: false, reason: 'not a gender' })
  })

  it('reads weights as positive numbers', () => {
    expect(parseWeight(1.5)).toEqual(value(1.5))
    expect(parseWeight('0,75')).toEqual(value(0.75))
    expect(parseWeight(0)).toEqual({ ok: false, reason: 'weight must be positive' })
    expect(parseWeight('x')).toEqual({ ok: false, reason: 'weight is not a number' })
    // A blank weight is read as any blank cell; the decoder makes it a data issue on a row
    // with answers ("blank weight: respondent left out of every measure", weights.test.ts).
    expect(parseWeight('')).toEqual({ ok: false, reason: null })
    expect(parseWeight('   ')).toEqual({ ok: false, reason: null })
  })

  it('trims labels and reads codes as text', () => {
    expect(parseLabel('  Астана   қ. ')).toEqual(value('Астана қ.'))
    expect(parseLabel(12)).toEqual(value('12'))
    expect(parseLabel('')).toEqual(missing)
    expect(parseLabel(new Date(0))).toEqual({ ok: false, reason: 'a date, not a name or code' })
  })
})
