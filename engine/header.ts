/** @module Header detection: which column plays which role, by Kazakh, Russian and English names. */
import { normalize } from './cells'
import { SurveyError } from './errors'
import {
  ASPECTS,
  BARRIERS,
  type Cell,
  type Mapping,
  REQUIRED_ROLES,
  ROLES,
  type Role,
} from './types'

interface Names {
  /** Whole header texts (after normalising case, spaces and quotes). */
  exact: string[]
  /** Stems matched at the start of a word of the header. */
  stems: string[]
}

/** Names per role; the report's own wording first, then the sample's, Russian, English. */
export const ROLE_NAMES: Record<Role, Names> = {
  service: {
    exact: [
      'мемлекеттік көрсетілетін қызмет',
      'мемлекеттік қызмет',
      'көрсетілетін қызмет',
      'қызмет',
      'қызмет атауы',
      'мемқызмет',
      'государственная услуга',
      'услуга',
      'наименование услуги',
      'название услуги',
      'service',
      'service name',
      'public service',
      'state service',
      'қызмет коды',
      'код услуги',
      'service code',
      'service id',
    ],
    stems: ['көрсетілетін қызмет', 'мемқызмет', 'госуслуг', 'услуга', 'service'],
  },
  overall: {
    exact: [
      'қызметке жалпы баға',
      'қызметті жалпы бағалау',
      'жалпы баға',
      'жалпы бағалау',
      'қызметпен қанағаттану',
      'қанағаттанушылық',
      'қанағаттану',
      'баға',
      'общая оценка',
      'общая оценка услуги',
      'удовлетворенность',
      'удовлетворённость',
      'оценка',
      'overall',
      'overall score',
      'overall satisfaction',
      'satisfaction',
      'score',
    ],
    stems: ['жалпы баға', 'қанағаттан', 'общая оценка', 'удовлетвор', 'overall'],
  },
  agency: {
    exact: [
      'мемлекеттік орган',
      'мемлекеттік органның атауы',
      'меморган',
      'қызмет көрсетуші',
      'қызмет беруші',
      'орган',
      'государственный орган',
      'госорган',
      'ведомство',
      'услугодатель',
      'agency',
      'state body',
      'ministry',
      'provider',
    ],
    stems: [
      'меморган',
      'госорган',
      'ведомств',
      'услугодат',
      'министрлі',
      'министерств',
      'agency',
      'ministry',
    ],
  },
  level: {
    exact: [
      'деңгей',
      'деңгейі',
      'уровень',
      'level',
      'орталық/жергілікті',
      'центральный/местный',
      'central/local',
    ],
    stems: ['деңгей', 'уровень', 'level'],
  },
  region: {
    exact: ['өңір', 'облыс', 'аймақ', 'өңір/облыс', 'регион', 'область', 'region', 'oblast'],
    stems: ['өңір', 'облыс', 'аймақ', 'регион', 'област', 'region'],
  },
  channel: {
    exact: [
      'қызмет алынған орын',
      'қызметті алу орны',
      'қызмет алу орны',
      'алу тәсілі',
      'арна',
      'место получения услуги',
      'канал',
      'канал получения',
      'способ получения',
      'channel',
      'delivery channel',
    ],
    stems: ['алынған орын', 'алу орны', 'место получения', 'канал', 'способ получения', 'channel'],
  },
  age: {
    exact: [
      'жасы',
      'жас',
      'жас шамасы',
      'жас тобы',
      'возраст',
      'возрастная группа',
      'age',
      'age group',
      'age band',
    ],
    stems: ['жас шама', 'жас тоб', 'возраст', 'age'],
  },
  gender: {
    exact: ['жынысы', 'жыныс', 'пол', 'gender', 'sex'],
    stems: ['жыныс', 'gender'],
  },
  infoAccess: {
    exact: [
      'ақпараттың ашықтығы мен қолжетімділігі',
      'ақпараттың қолжетімділігі мен ашықтығы',
      'ақпараттың қолжетімділігі',
      'доступность и открытость информации',
      'доступность информации',
      'information access',
      'infoaccess',
    ],
    stems: [
      'ақпараттың ашықтығы',
      'ақпараттың қолжетімділ',
      'доступность информац',
      'открытость информац',
      'information access',
      'access to information',
    ],
  },
  infoClarity: {
    exact: [
      'алынған ақпараттың айқындылығы мен дұрыстығы',
      'ақпараттың айқындылығы мен шынайылығы',
      'ақпараттың айқындылығы',
      'ясность и достоверность информации',
      'ясность информации',
      'information clarity',
      'infoclarity',
    ],
    stems: ['айқындыл', 'ясность', 'достоверност', 'information clarity', 'clarity'],
  },
  documents: {
    exact: [
      'құжаттарды жинау және тапсыру процесі',
      'құжаттарды жинау және тапсыру процесі оңай әрі түсінікті',
      'құжаттар',
      'сбор и подача документов',
      'документы',
      'documents',
    ],
    stems: ['құжат', 'документ', 'document'],
  },
  timeliness: {
    exact: ['қызмет ұсыну мерзімдері', 'мерзімдер', 'сроки оказания услуги', 'сроки', 'timeliness'],
    stems: ['мерзім', 'сроки', 'timeliness', 'timely'],
  },
  staffCompetence: {
    exact: [
      'қызметкерлердің біліктілігі',
      'қызметкердің біліктілігі',
      'біліктілік',
      'компетентность сотрудника',
      'компетентность',
      'staff competence',
      'staffcompetence',
    ],
    stems: ['біліктіл', 'компетентн', 'квалификац', 'competence'],
  },
  staffSpeed: {
    exact: [
      'қызметкердің жұмыс істеу шапшаңдығы',
      'шапшаңдық',
      'оперативность сотрудника',
      'оперативность',
      'staff speed',
      'staffspeed',
    ],
    stems: ['шапшаң', 'оперативн', 'скорость', 'speed'],
  },
  staffCourtesy: {
    exact: [
      'қызметкердің әдептілігі',
      'қызметкердің әдептілігі мен кәсіби әдебі',
      'әдептілік',
      'вежливость сотрудника',
      'вежливость',
      'staff courtesy',
      'staffcourtesy',
      'courtesy',
    ],
    stems: ['әдептіл', 'вежлив', 'courtesy', 'polite'],
  },
  trust: {
    exact: ['қызмет ұсынушыға сенім', 'сенім', 'доверие к услугодателю', 'доверие', 'trust'],
    stems: ['сенім', 'довери', 'trust'],
  },
  complaint: {
    exact: ['шағымдар', 'шағым', 'шағым берді', 'жалобы', 'жалоба', 'complaints', 'complaint'],
    stems: ['шағым', 'жалоб', 'complain'],
  },
  informalPayment: {
    exact: [
      'бейресми сыйақылар',
      'бейресми сыйақы',
      'бейресми төлем',
      'неформальные платежи',
      'неформальная оплата',
      'informal payments',
      'informal payment',
    ],
    stems: ['бейресми', 'неформальн', 'взятк', 'informal', 'bribe'],
  },
  connections: {
    exact: [
      'тамыр-таныстарды пайдалану',
      'тамыр-таныстар',
      'таныстар',
      'использование связей',
      'связи',
      'знакомства',
      'personal connections',
      'connections',
    ],
    stems: ['тамыр', 'таныс', 'связ', 'знакомств', 'connection'],
  },
  weight: {
    exact: ['салмақ', 'салмағы', 'вес', 'weight', 'survey weight'],
    stems: ['салмақ', 'вес', 'weight'],
  },
}

/** Stem matching runs specific roles first: «Общая оценка услуги» is the overall score, not the service. */
const STEM_ORDER: readonly Role[] = [
  ...ASPECTS,
  ...BARRIERS,
  'overall',
  'weight',
  'age',
  'gender',
  'channel',
  'level',
  'region',
  'agency',
  'service',
]

/** role → column index. */
export type ColumnIndex = Partial<Record<Role, number>>

const headerKey = (cell: Cell) => normalize(String(cell ?? ''))

/** What detection found: each role's column, the mapping by header text, required roles missing. */
export interface Detection {
  columns: ColumnIndex
  mapping: Mapping
  missing: Role[]
}

/**
 * Detects the column of each role without failing: an explicit mapping first, then exact
 * names, then stems. The sidebar shows the result; `findColumns` insists on it.
 * @throws {SurveyError} `missing_column` only when an explicit mapping names a header that is not there
 */
export function detectColumns(header: readonly Cell[], mapping: Mapping = {}): Detection {
  const keys = header.map(headerKey)
  const taken = new Set<number>()
  const found: ColumnIndex = {}
  const claim = (role: Role, index: number) => {
    found[role] = index
    taken.add(index)
  }

  for (const role of ROLES) {
    const wanted = mapping[role]
    if (wanted === undefined || wanted === null || wanted === '') continue
    const index = keys.indexOf(headerKey(wanted))
    if (index < 0) {
      throw new SurveyError(
        'missing_column',
        `Column "${wanted}" mapped to ${role} is not in the header. Headers found: ${list(header)}`,
        { role, column: wanted, headers: header.map(String) },
      )
    }
    claim(role, index)
  }
  for (const role of ROLES) {
    if (found[role] !== undefined) continue
    for (const name of ROLE_NAMES[role].exact) {
      const index = keys.findIndex((key, i) => key === name && !taken.has(i))
      if (index >= 0) {
        claim(role, index)
        break
      }
    }
  }
  for (const role of STEM_ORDER) {
    if (found[role] !== undefined) continue
    const index = keys.findIndex(
      (key, i) =>
        !taken.has(i) && ROLE_NAMES[role].stems.some((stem) => ` ${key}`.includes(` ${stem}`)),
    )
    if (index >= 0) claim(role, index)
  }
  const byHeader: Mapping = {}
  for (const role of ROLES) {
    const index = found[role]
    if (index !== undefined) byHeader[role] = String(header[index] ?? '').trim()
  }
  return {
    columns: found,
    mapping: byHeader,
    missing: REQUIRED_ROLES.filter((r) => found[r] === undefined),
  }
}

/**
 * Finds the column of each role, as `detectColumns`.
 * @throws {SurveyError} `missing_column` naming the first missing required role and listing the headers found.
 */
export function findColumns(header: readonly Cell[], mapping: Mapping = {}): ColumnIndex {
  const { columns, missing } = detectColumns(header, mapping)
  const [role] = missing
  if (role !== undefined) {
    throw new SurveyError(
      'missing_column',
      `Required column "${role}" (${ROLE_HINT[role]}) not found. Headers found: ${list(header)}`,
      { role, headers: header.map(String) },
    )
  }
  return columns
}

const ROLE_HINT: Partial<Record<Role, string>> = {
  service: 'service name or code, e.g. «Мемлекеттік көрсетілетін қызмет» / «Услуга»',
  overall: 'overall score 1..5, e.g. «Қызметке жалпы баға» / «Общая оценка»',
}

function list(header: readonly Cell[]): string {
  return header.length === 0 ? '(none)' : header.map((h) => `"${String(h ?? '')}"`).join(', ')
}
