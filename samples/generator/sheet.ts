/** @module The survey sheet: the Kazakh header and each respondent's cells as text. */
import type { Channel } from './reference'
import type { Respondent } from './respondents'
import { WAITING_HEADERS } from './waiting'

/** Header, exactly as the engine's Kazakh synonyms expect it. */
export const HEADER = [
  '№',
  'Сауалнама күні',
  'Қызмет коды',
  'Мемлекеттік көрсетілетін қызмет',
  'Мемлекеттік орган',
  'Өңір',
  'Қызмет алынған орын',
  'Жасы',
  'Жынысы',
  'Қызметке жалпы баға',
  'Ақпараттың ашықтығы мен қолжетімділігі',
  'Алынған ақпараттың айқындылығы мен дұрыстығы',
  'Құжаттарды жинау және тапсыру процесі',
  'Қызмет ұсыну мерзімдері',
  'Қызметкерлердің біліктілігі',
  'Қызметкердің жұмыс істеу шапшаңдығы',
  'Қызметкердің әдептілігі',
  'Қызмет ұсынушыға сенім',
  'Шағым берді',
  'Бейресми сыйақы',
  'Тамыр-таныстарды пайдалану',
  ...WAITING_HEADERS,
]

export const COL = {
  number: 0,
  date: 1,
  serviceCode: 2,
  service: 3,
  agency: 4,
  region: 5,
  channel: 6,
  age: 7,
  gender: 8,
  overall: 9,
  /** First of the eight aspect columns, in ASPECT_KEYS order. */
  aspects: 10,
  /** First of the three barrier columns, in BARRIER_KEYS order. */
  barriers: 18,
  /** First of the seven waiting-condition columns (16-кесте), in WAITING_KEYS order. */
  waiting: 21,
} as const

export const CHANNEL_LABELS: Record<Channel, string> = {
  state_body: 'Мемлекеттік орган',
  state_corporation: 'Мемлекеттік корпорация (ХҚКО)',
  egov_portal: 'Электрондық үкімет порталы',
}

export const HARD_TO_SAY = 'Жауап беруге қиналамын'
export const YES = 'Иә'
export const NO = 'Жоқ'

/** A cell written in place of the generated one (a bad cell or an unusual valid spelling). */
export interface CellOverride {
  row: number
  column: number
  value: string
}

/** ISO date of day d after 1 August of `year`, computed without locale or time zone. */
function isoDay(year: number, day: number): string {
  return new Date(Date.UTC(year, 7, 1 + day)).toISOString().slice(0, 10)
}

/** What the first cells of a row say of its respondent (a drawn frame row or a 2017 respondent). */
interface RowFrame {
  service: { code: number; name: string; agency: string }
  region: number
  channel: Channel
  age: number
  gender: string
  /** Days after 1 August of the wave's year. */
  day: number
}

/**
 * The first nine cells of a row in the 2017 sheet's layout: №, interview date (in `year`),
 * service code and name, agency, region, channel, age, gender.
 */
export function frameCells(
  r: RowFrame,
  index: number,
  year: number,
  regionName: ReadonlyMap<number, string>,
): string[] {
  return [
    String(index + 1),
    isoDay(year, r.day),
    String(r.service.code),
    r.service.name,
    r.service.agency,
    regionName.get(r.region) ?? '',
    CHANNEL_LABELS[r.channel],
    String(r.age),
    r.gender,
  ]
}

export interface SheetInput {
  respondents: readonly Respondent[]
  regionNames: ReadonlyMap<number, string>
  aspects: readonly (readonly (number | null)[])[]
  hardToSay: readonly (readonly boolean[])[]
  barriers: readonly (readonly (boolean | null)[])[]
  /** null for respondents not asked (everyone but the State Corporation's). */
  waiting: readonly (readonly boolean[] | null)[]
  overrides: readonly CellOverride[]
}

/** Every data row as text, overrides applied; row i is respondent i (sheet row i + 2). */
export function sheetRows({
  respondents,
  regionNames,
  aspects,
  hardToSay,
  barriers,
  waiting,
  overrides,
}: SheetInput): string[][] {
  const rows = respondents.map((r, i) => [
    ...frameCells(r, i, 2017, regionNames),
    r.overall === null ? '' : String(r.overall),
    ...aspects[i].map((v, a) => (v !== null ? String(v) : hardToSay[i][a] ? HARD_TO_SAY : '')),
    ...barriers[i].map((v) => (v === null ? '' : v ? YES : NO)),
    ...WAITING_HEADERS.map((_, k) => {
      const v = waiting[i]?.[k]
      return v === undefined ? '' : v ? YES : NO
    }),
  ])
  for (const o of overrides) rows[o.row][o.column] = o.value
  return rows
}
