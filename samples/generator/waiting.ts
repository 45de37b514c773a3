/**
 * @module Waiting conditions at the State Corporation (16-кесте): a check-all-that-apply
 * question, one yes/no column per condition, asked of the State Corporation's respondents.
 *
 * Each region gets as many «Иә» per condition as its printed share implies (a blank printed
 * cell is a share of 0), preferably from its less satisfied respondents.
 */

import { printedBounds, ratioMiss } from './printed'
import { stream } from './prng'
import type { Reference } from './reference'
import type { Respondent } from './respondents'

/** Column keys of waiting_conditions_by_region.csv, in the report's column order. */
export const WAITING_KEYS = [
  'hall_uncomfortable_no_tables',
  'not_enough_seats',
  'no_electronic_queue',
  'stuffy_hot_cold_hall',
  'no_toilet',
  'several_queues',
  'other_discomfort',
] as const

/** The report's column texts, under one question prefix. */
export const WAITING_HEADERS = [
  'Күту залы ыңғайсыз, үстелдер жоқ',
  'Отыратын орындар жеткіліксіз',
  'Электрондық кезек жоқ',
  'Қапырық (ыстық, суық) зал',
  'Дәретхана жоқ',
  'Бірнеше кезекте тұруға тура келеді',
  'Басқа да тұрмыстық қолайсыздықтар',
].map((option) => `Күту жағдайы: ${option}`)

const LEANING: Record<string, number> = { '1': 6, '2': 6, '3': 3, '4': 1.5, '5': 1, null: 2 }

/** The «Иә» count out of n that prints as the share, or null when none does. */
function yesFor(text: string, n: number): number | null {
  const bounds = printedBounds(text || '0', 100)
  const guess = Math.round((Number(text || '0') * n) / 100)
  for (const d of [0, -1, 1, -2, 2]) {
    const yes = guess + d
    if (yes >= 0 && yes <= n && ratioMiss(yes, n, bounds) === 0) return yes
  }
  return null
}

/**
 * How many of a region's n respondents answer: all, unless no count out of n prints as every
 * share (ОҚО: 7.1 % and 20.7 % are 13 and 38 of 184, not of its 185), then up to three skip.
 */
function answeringFor(texts: readonly string[], n: number): number {
  for (let m = n; m >= n - 3 && m > 0; m--) {
    if (texts.every((t) => yesFor(t, m) !== null)) return m
  }
  return n
}

/**
 * Answers per respondent: null for everyone not at the State Corporation, else one boolean per
 * condition. Rows in `noChannel` (a bad channel cell) count in no region's share.
 */
export function drawWaiting(
  reference: Reference,
  respondents: readonly Respondent[],
  noChannel: ReadonlySet<number>,
  seed: string,
): (boolean[] | null)[] {
  const random = stream(seed, 'waiting')
  const answers: (boolean[] | null)[] = respondents.map((r) =>
    r.channel === 'state_corporation' ? WAITING_KEYS.map(() => false) : null,
  )
  const byRegion = new Map<string, number[]>()
  respondents.forEach((r, i) => {
    if (r.channel !== 'state_corporation' || noChannel.has(i)) return
    const list = byRegion.get(String(r.region))
    if (list) list.push(i)
    else byRegion.set(String(r.region), [i])
  })
  for (const row of reference.printed.waiting) {
    const all = byRegion.get(row.region_code)
    if (!all) continue
    const answering = answeringFor(
      WAITING_KEYS.map((key) => row[key]),
      all.length,
    )
    // The ones who skip the question are drawn first; their cells stay blank.
    const order = all.map((i) => ({ i, key: random() })).sort((a, b) => a.key - b.key || a.i - b.i)
    for (const { i } of order.slice(answering)) answers[i] = null
    const rows = order.slice(0, answering).map(({ i }) => i)
    WAITING_KEYS.forEach((key, k) => {
      const yes =
        yesFor(row[key], rows.length) ?? Math.round((Number(row[key] || 0) * rows.length) / 100)
      const ranked = rows
        .map((i) => ({ i, key: random() / LEANING[String(respondents[i].overall)] }))
        .sort((a, b) => a.key - b.key || a.i - b.i)
      for (const { i } of ranked.slice(0, yes)) (answers[i] as boolean[])[k] = true
    })
  }
  return answers
}
