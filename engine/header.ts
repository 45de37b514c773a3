/** @module Header detection: which column plays which role, by Kazakh, Russian and English names. */
import { normalize, parseScore } from './cells'
import { SurveyError } from './errors'
import type { Cell, Mapping } from './types'
import { ASPECTS, REQUIRED_ROLES, ROLES, type Role } from './vocabulary'

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

const NO_COLUMNS: ReadonlySet<number> = new Set()
const ANY_SCALE = { min: 0, max: 10 }

/** role → column index. */
export type ColumnIndex = Partial<Record<Role, number>>

/** What detection found: each role's column, the mapping by header text, what is wrong. */
export interface Detection {
  columns: ColumnIndex
  mapping: Mapping
  /** Required roles no column fits. */
  missing: Role[]
  /**
   * For each role another header also fitted: those headers, best first (the summary tells
   * the choice). A header listed may have gone to another role.
   */
  choices: Partial<Record<Role, string[]>>
  /** Columns (0-based) that share a header some role would read: an error for `findColumns`. */
  duplicates: [first: number, second: number][]
}

/**
 * A header as matching sees it: lower case, words only, and Kazakh in any script folded to
 * one Latin skeleton, so «Қызмет», «Кызмет» (Russian look-alike letters), «Qyzmet» (2018
 * Latin) and «Qızmet» (2021 Latin) are the same word. Vowels that spellings confuse (і/и/ы/y/ı,
 * у/ұ/ү/ý/ū/ü) fall together: matching needs to tell headers apart, not spell them.
 */
export function matchKey(text: string): string {
  let key = KEYS.get(text)
  if (key === undefined) {
    key = foldedKey(text)
    if (KEYS.size >= SCORES_KEPT) KEYS.clear()
    KEYS.set(text, key)
  }
  return key
}

const KEYS = new Map<string, string>()
/** Entries each cache keeps before it starts again: headers, not cells, fill it. */
const SCORES_KEPT = 10_000

function foldedKey(text: string): string {
  let out = ''
  for (const char of normalize(text)) out += FOLD.get(char) ?? char
  return out
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const FOLD = new Map<string, string>([
  ...Object.entries({
    а: 'a',
    ә: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    ғ: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'j',
    з: 'z',
    и: 'i',
    й: 'i',
    і: 'i',
    к: 'k',
    қ: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    ң: 'n',
    о: 'o',
    ө: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ұ: 'u',
    ү: 'u',
    ф: 'f',
    х: 'h',
    һ: 'h',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'sh',
    ъ: '',
    ы: 'i',
    ь: '',
    э: 'e',
    ю: 'iu',
    я: 'ia',
    // Kazakh Latin (2018 and 2021): letters whose diacritic alone does not fold them.
    ı: 'i',
    y: 'i',
    ý: 'u',
    q: 'k',
    ş: 'sh',
    ç: 'ch',
  }),
])

/** A role's names as match keys: whole names, and stems as words. */
interface Matcher {
  exact: string[]
  /** Exact names as sorted word lists: «оценка общая» is «общая оценка» read under a merge. */
  exactWords: string[]
  stems: string[][]
}

const MATCHERS = Object.fromEntries(
  ROLES.map((role) => {
    const exact = ROLE_NAMES[role].exact.map(matchKey)
    return [
      role,
      {
        exact,
        exactWords: exact.map(sortedWords),
        stems: ROLE_NAMES[role].stems.map((stem) => matchKey(stem).split(' ')),
      },
    ]
  }),
) as Record<Role, Matcher>

function sortedWords(key: string): string {
  return key.split(' ').sort().join(' ')
}

/**
 * How well a header (match key) names a role; 0 when it does not. An exact name beats any
 * stem (an earlier name in the role's list a little more); a stem counts more when it opens
 * the header and when it covers more of it. So «Канал связи» is the channel (the stem
 * «канал» opens it) before it is the connections barrier («связ» is its second word).
 */
export function matchScore(key: string, role: Role): number {
  return scoresOf(key)[ROLES.indexOf(role)]
}

/**
 * Every role's score for a header key, worked out once: a Worker isolate sees the same
 * headers request after request, and a sheet's header is read for each of its first rows.
 */
function scoresOf(key: string): Float64Array {
  let scores = SCORES.get(key)
  if (scores === undefined) {
    scores = Float64Array.from(ROLES, (role) => scoreOf(key, role))
    if (SCORES.size >= SCORES_KEPT) SCORES.clear()
    SCORES.set(key, scores)
  }
  return scores
}

const SCORES = new Map<string, Float64Array>()

function scoreOf(key: string, role: Role): number {
  if (key === '') return 0
  const matcher = MATCHERS[role]
  const exact = matcher.exact.indexOf(key)
  if (exact >= 0) return 1000 - exact
  const words = key.split(' ')
  const unordered = matcher.exactWords.indexOf(sortedWords(key))
  if (unordered >= 0) return 900 - unordered
  let best = 0
  for (const stem of matcher.stems) {
    const at = stemAt(words, stem)
    if (at < 0) continue
    const covered = stem.join(' ').length / key.length
    best = Math.max(best, 100 + (at === 0 ? 50 : 0) + 40 * covered)
  }
  return best
}

/** Index of the header word where `stem` starts: its words as prefixes of consecutive words. */
function stemAt(words: readonly string[], stem: readonly string[]): number {
  for (let i = 0; i + stem.length <= words.length; i++) {
    if (stem.every((part, j) => words[i + j].startsWith(part))) return i
  }
  return -1
}

/**
 * Detects the column of each role without failing on a survey's shape: an explicit mapping
 * first, then every (role, column) pair scored by `matchScore`, the best pairs taken first,
 * so that the better match wins and two roles never share a column. The sidebar shows the
 * result; `findColumns` insists on it.
 * @throws {SurveyError} `missing_column` when the mapping names a header that is not there;
 * `bad_input` when the mapping gives one column two roles
 */
export function detectColumns(
  header: readonly Cell[],
  mapping: Mapping = {},
  reserved: ReadonlySet<number> = NO_COLUMNS,
): Detection {
  const texts = header.map((cell) => String(cell ?? '').trim())
  const keys = texts.map(matchKey)
  const found: ColumnIndex = {}
  const roleOf = new Map<number, Role>()
  // Normalised once: the clients write the mapping out, naming every role found, and
  // normalising each header again for each role cost ≈ 0.3 ms a request (workerd's profile).
  const normalized = texts.map(normalize)

  for (const role of ROLES) {
    const wanted = mapping[role]
    if (wanted === undefined || wanted === null || wanted === '') continue
    const index = normalized.indexOf(normalize(wanted))
    if (index < 0) {
      throw new SurveyError(
        'missing_column',
        `Column "${wanted}" mapped to ${role} is not in the header. Headers found: ${list(header)}`,
        { role, column: wanted, headers: header.map(String) },
      )
    }
    const other = roleOf.get(index)
    if (other !== undefined) {
      throw new SurveyError(
        'bad_input',
        `The mapping gives column ${columnName(index)} "${texts[index]}" two roles, ${other} and ${role}: a column plays one role`,
        { column: texts[index], roles: [other, role] },
      )
    }
    found[role] = index
    roleOf.set(index, role)
  }

  const pairs: { role: Role; column: number; score: number }[] = []
  keys.forEach((key, column) => {
    // A column declared as a question is not a candidate for any role.
    if (reserved.has(column)) return
    const scores = scoresOf(key)
    ROLES.forEach((role, r) => {
      if (scores[r] > 0) pairs.push({ role, column, score: scores[r] })
    })
  })
  // Best first; ties go to the role listed first, then to the leftmost column.
  pairs.sort(
    (a, b) =>
      b.score - a.score || ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.column - b.column,
  )
  for (const { role, column } of pairs) {
    if (found[role] !== undefined || roleOf.has(column)) continue
    found[role] = column
    roleOf.set(column, role)
  }

  const choices: Detection['choices'] = {}
  for (const { role, column } of pairs) {
    if (found[role] === column || mapping[role]) continue
    const passed = choices[role] ?? []
    if (!passed.includes(texts[column])) passed.push(texts[column])
    choices[role] = passed
  }

  const byHeader: Mapping = {}
  const columns: ColumnIndex = {}
  for (const role of ROLES) {
    const index = found[role]
    if (index === undefined) continue
    columns[role] = index
    byHeader[role] = texts[index]
  }
  return {
    columns,
    mapping: byHeader,
    missing: REQUIRED_ROLES.filter((r) => found[r] === undefined),
    choices,
    duplicates: duplicatesOf(
      texts,
      new Set([...roleOf.keys(), ...pairs.map((pair) => pair.column)]),
    ),
  }
}

/** Pairs of columns with the same header text that some role would read (`fitting`). */
function duplicatesOf(texts: readonly string[], fitting: ReadonlySet<number>): [number, number][] {
  const first = new Map<string, number>()
  const pairs: [number, number][] = []
  texts.forEach((text, column) => {
    const key = normalize(text)
    if (key === '' || !fitting.has(column)) return
    const seen = first.get(key)
    if (seen === undefined) first.set(key, column)
    else pairs.push([seen, column])
  })
  return pairs
}

/**
 * Finds the column of each role, as `detectColumns`.
 * @throws {SurveyError} `bad_input` naming two columns with the same header; `missing_column`
 * naming the first missing required role and listing the headers found.
 */
export function findColumns(
  header: readonly Cell[],
  mapping: Mapping = {},
  reserved: ReadonlySet<number> = NO_COLUMNS,
): ColumnIndex {
  const { columns, missing, duplicates } = detectColumns(header, mapping, reserved)
  const [duplicate] = duplicates
  if (duplicate) {
    const [a, b] = duplicate
    const text = String(header[a] ?? '').trim()
    throw new SurveyError(
      'bad_input',
      `Columns ${columnName(a)} and ${columnName(b)} both have the header "${text}": rename one so that each column is named once`,
      { header: text, columns: [a + 1, b + 1] },
    )
  }
  const [role] = missing
  if (role !== undefined) throw missingColumn(role, header)
  return columns
}

function missingColumn(role: Role, header: readonly Cell[], hint = ''): SurveyError {
  return new SurveyError(
    'missing_column',
    `Required column "${role}" (${ROLE_HINT[role]}) not found. Headers found: ${list(header)}${hint}`,
    { role, headers: header.map(String) },
  )
}

const ROLE_HINT: Partial<Record<Role, string>> = {
  service: 'service name or code, e.g. «Мемлекеттік көрсетілетін қызмет» / «Услуга»',
  overall: 'overall score 1..5, e.g. «Қызметке жалпы баға» / «Общая оценка»',
}

function list(header: readonly Cell[]): string {
  return header.length === 0 ? '(none)' : header.map((h) => `"${String(h ?? '')}"`).join(', ')
}

/** «4 (D)»: a column (0-based `index`) by number and by spreadsheet letters. */
export function columnName(index: number): string {
  return `${index + 1} (${columnLetters(index)})`
}

/** A column's spreadsheet letters: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** Rows searched for the header. */
export const HEADER_SCAN_ROWS = 10

/** Where the header is in a sheet's first rows, and what it names. */
export interface HeaderLayout {
  /** Sheet row (1-based) of the header's first and last row: two for a two-row header. */
  first: number
  last: number
  /** One text per column; a two-row header's rows joined where that reads better. */
  header: Cell[]
  detection: Detection
}

/**
 * Finds the header as a person would: the first of the sheet's first ten rows that names the
 * required roles (rows above it are titles), and, when the row under it is no respondent but
 * a second header row (sub-headers under merged group titles, or the same headers in another
 * language), the reading of the two rows that names the most roles.
 * @throws {SurveyError} as `findColumns`, with a hint when no row of the first ten is a header
 */
export function locateHeader(
  rows: readonly (readonly Cell[])[],
  mapping: Mapping = {},
): HeaderLayout {
  let duplicate: SurveyError | undefined
  const scanned = Math.min(rows.length, HEADER_SCAN_ROWS)
  for (let r = 0; r < scanned; r++) {
    const detection = tryDetect(rows[r], mapping)
    if (detection instanceof SurveyError) {
      if (detection.code === 'bad_input') duplicate ??= detection
      continue
    }
    if (detection.missing.length > 0) continue
    const two = twoRowHeader(rows[r], rows[r + 1], mapping, detection)
    if (two) return { first: r + 1, last: r + 2, ...two }
    return { first: r + 1, last: r + 1, header: [...rows[r]], detection }
  }
  if (duplicate) throw duplicate
  const header = rows[0] ?? []
  const first = tryDetect(header, mapping)
  if (first instanceof SurveyError) throw first
  throw missingColumn(
    first.missing[0] ?? 'service',
    header,
    `. No row among the first ${HEADER_SCAN_ROWS} names both the service and the overall score: put the header row on top, or map the columns`,
  )
}

/** Detection of one candidate row; a row whose headers repeat is refused as `findColumns` does. */
function tryDetect(row: readonly Cell[], mapping: Mapping): Detection | SurveyError {
  try {
    const detection = detectColumns(row, mapping)
    if (detection.duplicates.length > 0 && detection.missing.length === 0) {
      findColumns(row, mapping)
    }
    return detection
  } catch (error) {
    if (error instanceof SurveyError) return error
    throw error
  }
}

/**
 * The header of `top` and the row under it, when that row is a second header row: its cells
 * in the overall and aspect columns are no scores, it names two roles or more, and either its
 * overall cell names a role itself («Общая оценка» under «Қызметке жалпы баға») or the two
 * rows read together name more roles than `top` alone («Оценка» over «Сроки»). A respondent
 * whose values happen to hold role names («Денсаулық сақтау министрлігі», «Алматы облысы»)
 * is neither. Of the readings (top alone, the second row alone, each column's two texts
 * joined), the one naming the most roles, then matching best, wins.
 */
function twoRowHeader(
  top: readonly Cell[],
  next: readonly Cell[] | undefined,
  mapping: Mapping,
  detection: Detection,
): { header: Cell[]; detection: Detection } | undefined {
  if (!next) return undefined
  const overallCell = next[detection.columns.overall as number]
  // Any scale Sapa reads (0..10 covers them all): a respondent's score is not a header.
  const overall = parseScore(overallCell, ANY_SCALE)
  if (overall.ok || overall.reason === null) return undefined
  // A respondent with a bad overall score still has scores elsewhere; a header row has none.
  const rated = ASPECTS.map((aspect) => detection.columns[aspect])
  if (rated.some((c) => c !== undefined && parseScore(next[c], ANY_SCALE).ok)) return undefined
  const below = tryDetect(next, mapping)
  if (below instanceof SurveyError || Object.keys(below.columns).length < 2) return undefined
  const joined = joinRows(top, next)
  const roles = (found: Detection) => Object.keys(found.columns).length
  const together = tryDetect(joined, mapping)
  const overallNamesRole = ROLES.some(
    (role) => matchScore(matchKey(String(overallCell ?? '')), role) > 0,
  )
  const gains = !(together instanceof SurveyError) && roles(together) > roles(detection)
  if (!overallNamesRole && !gains) return undefined
  let best: { header: Cell[]; detection: Detection; quality: number } | undefined
  for (const header of [[...top], [...next], joined]) {
    const found = tryDetect(header, mapping)
    if (found instanceof SurveyError || found.missing.length > 0) continue
    if (found.duplicates.length > 0) continue
    const score = quality(header, found)
    if (!best || score > best.quality) best = { header, detection: found, quality: score }
  }
  return best && { header: best.header, detection: best.detection }
}

/** Each column's two header texts joined; a merged group title heads the blanks after it. */
function joinRows(top: readonly Cell[], next: readonly Cell[]): Cell[] {
  const width = Math.max(top.length, next.length)
  const joined: Cell[] = []
  let group = ''
  for (let c = 0; c < width; c++) {
    const upper = String(top[c] ?? '').trim()
    const lower = String(next[c] ?? '').trim()
    // A merged group title is exported in its first cell only.
    if (upper !== '') group = upper
    else if (lower === '') group = ''
    const over = upper || group
    joined.push(over && lower && over !== lower ? `${over} ${lower}` : over || lower)
  }
  return joined
}

/** Roles named, then how well: one more role outweighs any score. */
function quality(header: readonly Cell[], detection: Detection): number {
  let score = 0
  for (const [role, column] of Object.entries(detection.columns) as [Role, number][]) {
    score += matchScore(matchKey(String(header[column] ?? '')), role)
  }
  return Object.keys(detection.columns).length * 1e6 + score
}
