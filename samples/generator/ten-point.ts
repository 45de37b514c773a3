/**
 * @module The 10-point sample (issue 13): next year's questionnaire as the report's methodology
 * recommends it, on a 1..10 scale over 70 services, with two extra rated items, a
 * check-all-that-apply question and a single-choice one. Not calibrated to any printed table:
 * plausible scores from a distribution tilted per service, region and channel.
 */

import {
  clamp,
  drawFrame,
  effects,
  type FrameService,
  knownService,
  latentScore,
  newService,
  regionNames,
  regionWeights,
  tiltedScore,
} from './frame'
import type { IssuesFile } from './oddities'
import { intBetween, pickWeighted, type Random, stream } from './prng'
import type { Channel, Reference } from './reference'
import { MORE_SERVICES } from './services-more'
import { frameCells, HARD_TO_SAY, HEADER as HEADER_2017, NO, YES } from './sheet'

const TEN_POINT_SEED = 'sapa/ten-point/v1'
export const TEN_POINT_BASE = 'survey-10point'
const YEAR = 2018

/** The eight aspects, with the 2017 sheet's headers. */
const ASPECT_HEADERS = HEADER_2017.slice(10, 18)
const WAITING_TIME = 'Кезек күту уақыты'
const ONLINE = 'Онлайн қызметтің ыңғайлылығы'
const COMPLAINT_HOW = 'Шағым қалай берілді'
const SOURCE_PREFIX = 'Қызмет туралы ақпарат көзі: '
// No header holds a comma, so that `--question KEY=multi:H1,H2,…` can list them.
const SOURCES = [
  ['Интернет-ресурстар', 0.45],
  ['Таныстар мен туыстар', 0.35],
  ['Мемлекеттік органның өзі', 0.3],
  ['Бұқаралық ақпарат құралдары', 0.12],
  ['Әлеуметтік желілер', 0.2],
] as const
const COMPLAINT_WAYS = [
  ['Ауызша, қызмет көрсету орнында', 35],
  ['Жазбаша өтініш', 25],
  ['«Электрондық үкімет» порталы арқылы', 15],
  ['Телефон арқылы (1414 байланыс орталығы)', 20],
  ['Әлеуметтік желілер арқылы', 5],
] as const

const TEN_POINT_HEADER: readonly string[] = [
  ...HEADER_2017.slice(0, 10),
  ...ASPECT_HEADERS,
  WAITING_TIME,
  ONLINE,
  'Шағым берді',
  COMPLAINT_HOW,
  'Бейресми сыйақы',
  'Тамыр-таныстарды пайдалану',
  ...SOURCES.map(([option]) => `${SOURCE_PREFIX}${option}`),
]
const COL = Object.fromEntries(TEN_POINT_HEADER.map((h, i) => [h, i])) as Record<string, number>

/** What an analyst declares for this survey: its scale and its questions beside the roles. */
export const TEN_POINT_DECLARATION = {
  scale: { min: 1, max: 10 },
  questions: [
    { key: 'waitingTime', type: 'rating', header: WAITING_TIME },
    { key: 'onlineConvenience', type: 'rating', header: ONLINE },
    { key: 'complaintWay', type: 'choice', header: COMPLAINT_HOW },
    {
      key: 'infoSources',
      type: 'multi',
      headers: SOURCES.map(([option]) => `${SOURCE_PREFIX}${option}`),
    },
  ],
} as const

/** Weights of 1..10 before tilting: 44 % tens, mean about 8.7. */
const BASE = [0.8, 0.6, 0.9, 1.2, 3, 3.5, 7, 15, 24, 44]
/**
 * The rated items: how often the answer follows the overall score (else it is drawn on its
 * own from the respondent's tilted distribution), a shift on the scale, a factor on the tilt.
 * The couplings order the key drivers as the 2017 report found them: trust, then timeliness.
 */
const ITEMS: { header: string; follows: number; shift: number; tilt: number }[] = [
  { header: ASPECT_HEADERS[0], follows: 0.6, shift: 0, tilt: 1 },
  { header: ASPECT_HEADERS[1], follows: 0.58, shift: 0, tilt: 1 },
  { header: ASPECT_HEADERS[2], follows: 0.55, shift: 0, tilt: 0.97 },
  { header: ASPECT_HEADERS[3], follows: 0.66, shift: 0, tilt: 0.96 },
  { header: ASPECT_HEADERS[4], follows: 0.6, shift: 0, tilt: 1 },
  { header: ASPECT_HEADERS[5], follows: 0.57, shift: 0, tilt: 0.98 },
  { header: ASPECT_HEADERS[6], follows: 0.55, shift: 0, tilt: 1.03 },
  { header: ASPECT_HEADERS[7], follows: 0.72, shift: 0, tilt: 1.02 },
  { header: WAITING_TIME, follows: 0.5, shift: -1, tilt: 0.85 },
  { header: ONLINE, follows: 0.45, shift: 0, tilt: 1 },
]
const CHANNEL_EFFECT = { state_body: 0, state_corporation: 0.3, egov_portal: 0.5 }

export interface TenPointSample {
  header: readonly string[]
  rows: string[][]
  issues: IssuesFile
}

/** The 2017 services (at about a third of their 2017 sample) and 15 more: 70 services. */
function services(reference: Reference, random: Random): FrameService[] {
  const old = reference.services.map((s) =>
    knownService(s, Math.max(6, Math.round(s.sample * 0.35 * (0.75 + 0.5 * random())))),
  )
  const regions = regionWeights(reference)
  const more = MORE_SERVICES.map((s) => newService(s, intBetween(random, 40, 160), regions))
  return [...old, ...more]
}

/** A rated item's answer: the overall score (give or take a point) or a draw of its own. */
function itemScore(random: Random, overall: number | null, t: number, item: (typeof ITEMS)[0]) {
  if (overall !== null && random() < item.follows) {
    const jitter = pickWeighted(random, [0.15, 0.7, 0.15]) - 1
    return clamp(overall + jitter + item.shift, 1, 10)
  }
  return tiltedScore(random, BASE, t * item.tilt)
}

/** A respondent's row after its first cells (frameCells), with scores tilted by `tilt`. */
function row(random: Random, first: readonly string[], channel: Channel, tilt: number): string[] {
  const cells = [...first, ...new Array<string>(TEN_POINT_HEADER.length - first.length).fill('')]
  const unable = random()
  const overall = unable < 0.016 ? null : tiltedScore(random, BASE, tilt)
  cells[COL['Қызметке жалпы баға']] =
    overall !== null ? String(overall) : unable < 0.004 ? HARD_TO_SAY : ''
  for (const item of ITEMS) {
    // Online convenience is asked of portal users and of those who booked or paid online.
    if (item.header === ONLINE && channel !== 'egov_portal' && random() >= 0.25) continue
    cells[COL[item.header]] =
      random() < 0.015 ? HARD_TO_SAY : String(itemScore(random, overall, tilt, item))
  }
  const low = overall !== null && overall <= 4
  const middling = overall !== null && overall <= 6
  const yesNo = (p: number) => (random() < 0.01 ? '' : random() < p ? YES : NO)
  const complained = yesNo(low ? 0.12 : middling ? 0.04 : 0.008)
  cells[COL['Шағым берді']] = complained
  if (complained === YES && random() >= 0.08) {
    cells[COL[COMPLAINT_HOW]] =
      COMPLAINT_WAYS[
        pickWeighted(
          random,
          COMPLAINT_WAYS.map((w) => w[1]),
        )
      ][0]
  }
  cells[COL['Бейресми сыйақы']] = yesNo(low ? 0.02 : 0.004)
  cells[COL['Тамыр-таныстарды пайдалану']] = yesNo(0.012)
  if (random() >= 0.04) {
    for (const [option, p] of SOURCES) {
      cells[COL[`${SOURCE_PREFIX}${option}`]] = random() < p ? YES : NO
    }
  }
  return cells
}

/** Cells written to be refused on a 1..10 scale: out of range, a fraction, a 5-point word. */
const BAD_CELLS: [column: string, value: string][] = [
  ['Қызметке жалпы баға', '0'],
  ['Қызметке жалпы баға', '11'],
  ['Қызметке жалпы баға', 'өте жақсы'],
  [ASPECT_HEADERS[0], '7,5'],
  [ASPECT_HEADERS[3], '12'],
  [WAITING_TIME, '0'],
]

export function buildTenPoint(reference: Reference): TenPointSample {
  const random = stream(TEN_POINT_SEED, 'frame')
  const frame = drawFrame(services(reference, random), random)
  const scores = stream(TEN_POINT_SEED, 'scores')
  const byService = effects(
    scores,
    frame.map((r) => r.service.code).filter((c, i, all) => all.indexOf(c) === i),
    0.9,
  )
  const byRegion = effects(
    scores,
    reference.regions.map((r) => r.code),
    0.5,
  )
  const fixedEffects = { byService, byRegion, byChannel: CHANNEL_EFFECT }
  const regionName = regionNames(reference)
  const rows = frame.map((r, i) => {
    const q = latentScore(r, fixedEffects, scores, 0.6)
    const first = frameCells(r, i, YEAR, regionName)
    return row(scores, first, r.channel, clamp(1 + 0.12 * q, 0.55, 1.5))
  })

  const odd = stream(TEN_POINT_SEED, 'bad cells')
  const issues: IssuesFile['issues'] = []
  const taken = new Set<number>()
  for (const [column, value] of BAD_CELLS) {
    const col = COL[column]
    let i: number
    do i = intBetween(odd, 0, rows.length - 1)
    while (taken.has(i) || rows[i][col] === '' || rows[i][col] === HARD_TO_SAY)
    taken.add(i)
    issues.push({ row: i + 2, column, value, replaces: rows[i][col] })
    rows[i][col] = value
  }
  issues.sort((a, b) => a.row - b.row)
  return {
    header: TEN_POINT_HEADER,
    rows,
    issues: {
      about:
        `Cells of ${TEN_POINT_BASE}.csv/.xlsx written on purpose. "issues": bad cells on its 1..10 ` +
        'scale that the engine must report (row = sheet row, header = row 1; column = header ' +
        'text; replaces = what the cell would otherwise hold). Every other cell is a whole ' +
        `number 1..10, Иә/Жоқ, a listed label, blank or «${HARD_TO_SAY}».`,
      issues,
      spellings: [],
    },
  }
}
