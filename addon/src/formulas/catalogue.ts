/** @module The custom functions' documentation, in kk/ru/en, written into Code.js as JSDoc. */
import type { Locale } from '../../../engine/index'

type Text = Record<Locale, string>
const t = (kk: string, ru: string, en: string): Text => ({ kk, ru, en })

/** Appended to an optional parameter's description. */
export const OPTIONAL: Text = t('(міндетті емес)', '(необязательно)', '(optional)')

export interface FormulaParam {
  name: string
  type: string
  /** Written as a plain name with "(optional)" in its description: Sheets ignores `[name]`. */
  optional?: boolean
  doc: Text
}

export interface FormulaDoc {
  name: FormulaName
  summary: Text
  params: FormulaParam[]
  returns: { type: string; doc: Text }
  /** A worked call over the sample's columns, for the examples sheet and the README. */
  example: string
}

export const FORMULA_NAMES = [
  'SATISFACTION',
  'TOP2BOX',
  'MEAN_SCORE',
  'SCORE10',
  'RESPONDENTS',
  'DISTRIBUTION',
  'SATISFACTION_CI',
  'SOCIAL_CONCERN',
  'KEY_DRIVERS',
  'RATING',
] as const
export type FormulaName = (typeof FORMULA_NAMES)[number]

const scores = (): FormulaParam => ({
  name: 'range',
  type: 'number[][]',
  doc: t(
    'Бағалар 1..5; бос ұяшықтар мен «жауап беруге қиналамын» ескерілмейді',
    'Оценки 1..5; пустые ячейки и «затрудняюсь ответить» пропускаются',
    'Scores 1..5; blanks and "hard to say" are skipped',
  ),
})
const definition = (): FormulaParam => ({
  name: 'definition',
  type: 'string',
  optional: true,
  doc: t(
    '"top" — «5» үлесі (әдепкі), "top2" — «4» және «5» үлесі',
    '"top" — доля «5» (по умолчанию), "top2" — доля «4» и «5»',
    '"top": share of 5s (default); "top2": share of 4s and 5s',
  ),
})
const weights = (): FormulaParam => ({
  name: 'weights',
  type: 'number[][]',
  optional: true,
  doc: t(
    'Салмақтар, range өлшемімен бірдей',
    'Веса того же размера, что и range',
    'Survey weights, the same size as range',
  ),
})
/** The last argument of the formulas that spill a header row: its language. */
const locale = (): FormulaParam => ({
  name: 'locale',
  type: 'string',
  optional: true,
  doc: t(
    'Тақырып жолының тілі: "kk", "ru" немесе "en" (әдепкі — баптаулардағы есеп тілі)',
    'Язык строки заголовков: "kk", "ru" или "en" (по умолчанию — язык отчёта в настройках)',
    'Language of the header row: "kk", "ru" or "en" (default: the report language in Settings)',
  ),
})
const yesNo = (name: string, what: Text): FormulaParam => ({
  name,
  type: 'string[][]',
  doc: t(`${what.kk}: Иә/Жоқ`, `${what.ru}: Да/Нет`, `${what.en}: yes/no`),
})

export const FORMULAS: readonly FormulaDoc[] = [
  {
    name: 'SATISFACTION',
    summary: t(
      'Қанағаттанушылық: «5» қойғандар үлесі (немесе "top2" болса «4»–«5»)',
      'Удовлетворенность: доля поставивших «5» (или «4»–«5» при "top2")',
      'Satisfaction: the share who gave 5 (or 4–5 with "top2")',
    ),
    params: [scores(), definition(), weights()],
    returns: { type: 'number', doc: t('Үлес 0..1', 'Доля 0..1', 'A share 0..1') },
    example: '=SATISFACTION(J2:J)',
  },
  {
    name: 'TOP2BOX',
    summary: t(
      '«4» және «5» үлесі',
      'Доля оценок «4» и «5»',
      'Top-2 box: the share who gave 4 or 5',
    ),
    params: [scores(), weights()],
    returns: { type: 'number', doc: t('Үлес 0..1', 'Доля 0..1', 'A share 0..1') },
    example: '=TOP2BOX(J2:J)',
  },
  {
    name: 'MEAN_SCORE',
    summary: t('Орташа балл 1..5', 'Средний балл 1..5', 'Mean score on the 1..5 scale'),
    params: [scores(), weights()],
    returns: { type: 'number', doc: t('Орташа балл', 'Средний балл', 'The mean score') },
    example: '=MEAN_SCORE(J2:J)',
  },
  {
    name: 'SCORE10',
    summary: t(
      '10 балдық шкала бойынша баға (2 × орташа балл)',
      'Оценка по 10-балльной шкале (2 × средний балл)',
      '10-point score: twice the mean score',
    ),
    params: [scores(), weights()],
    returns: { type: 'number', doc: t('Баға 2..10', 'Оценка 2..10', 'A score 2..10') },
    example: '=SCORE10(J2:J)',
  },
  {
    name: 'RESPONDENTS',
    summary: t(
      'Жарамды бағасы бар респонденттер саны',
      'Число респондентов с действительной оценкой',
      'Base: respondents with a valid score (Σ weights when weighted)',
    ),
    params: [scores(), weights()],
    returns: { type: 'number', doc: t('Респонденттер саны', 'Число респондентов', 'Respondents') },
    example: '=RESPONDENTS(J2:J)',
  },
  {
    name: 'DISTRIBUTION',
    summary: t(
      '«1»…«5» бағаларының үлестері, бір жолда (5 ұяшық)',
      'Доли оценок «1»…«5» в одной строке (5 ячеек)',
      'Shares of scores 1..5, spilled across one row of 5 cells',
    ),
    params: [scores(), weights()],
    returns: { type: 'number[][]', doc: t('1×5 үлестер', 'Доли 1×5', 'A 1×5 row of shares') },
    example: '=DISTRIBUTION(J2:J)',
  },
  {
    name: 'SATISFACTION_CI',
    summary: t(
      'Қанағаттанушылықтың 95% сенім аралығы (Уилсон), бір жолда (2 ұяшық)',
      '95% доверительный интервал удовлетворенности (Уилсон), в одной строке (2 ячейки)',
      '95% Wilson interval of satisfaction, spilled as low and high',
    ),
    params: [scores(), definition(), weights()],
    returns: {
      type: 'number[][]',
      doc: t('Төменгі және жоғарғы шек', 'Нижняя и верхняя граница', 'Low and high ends'),
    },
    example: '=SATISFACTION_CI(J2:J)',
  },
  {
    name: 'SOCIAL_CONCERN',
    summary: t(
      'Әлеуметтік алаңдаушылық индексі: бес үлестің орташасы',
      'Индекс социальной озабоченности: среднее пяти долей',
      'Social-concern index: the mean of five shares (report table 104)',
    ),
    params: [
      {
        name: 'overall',
        type: 'number[][]',
        doc: t('Жалпы баға 1..5', 'Общая оценка 1..5', 'Overall score 1..5'),
      },
      {
        name: 'trust',
        type: 'number[][]',
        doc: t('Сенім 1..5', 'Доверие 1..5', 'Trust in the provider 1..5'),
      },
      yesNo('complaints', t('Шағым берді', 'Подавал жалобу', 'Complained')),
      yesNo('payments', t('Бейресми сыйақы', 'Неформальный платёж', 'Informal payment')),
      yesNo('connections', t('Тамыр-таныстар', 'Использование связей', 'Personal connections')),
    ],
    returns: { type: 'number', doc: t('Индекс 0..1', 'Индекс 0..1', 'The index 0..1') },
    example: '=SOCIAL_CONCERN(J2:J, R2:R, S2:S, T2:T, U2:U)',
  },
  {
    name: 'KEY_DRIVERS',
    summary: t(
      'Негізгі факторлар: әр аспектінің жалпы бағамен корреляциясы (кесте)',
      'Ключевые факторы: корреляция каждого аспекта с общей оценкой (таблица)',
      'Key drivers: each aspect column’s correlation with the overall score, as a table',
    ),
    params: [
      {
        name: 'aspects_with_header',
        type: 'number[][]',
        doc: t(
          'Аспектілер бағандары, тақырып жолымен',
          'Столбцы аспектов вместе со строкой заголовков',
          'Aspect columns including their header row',
        ),
      },
      {
        name: 'overall',
        type: 'number[][]',
        doc: t(
          'Жалпы баға (тақырыппен немесе онсыз)',
          'Общая оценка (с заголовком или без)',
          'Overall score, with or without its header',
        ),
      },
      locale(),
    ],
    returns: {
      type: 'any[][]',
      doc: t('Аспект, r, n кестесі', 'Таблица: аспект, r, n', 'A table: aspect, r, n'),
    },
    example: '=KEY_DRIVERS(K1:R, J1:J, "kk")',
  },
  {
    name: 'RATING',
    summary: t(
      'Қызметтер рейтингі: қанағаттанушылық бойынша (1-кесте)',
      'Рейтинг услуг по удовлетворенности (таблица 1)',
      'Service rating by satisfaction (report table 1); small bases listed unranked',
    ),
    params: [
      {
        name: 'services',
        type: 'string[][]',
        doc: t('Қызмет атаулары', 'Названия услуг', 'Service names or codes'),
      },
      {
        name: 'scores',
        type: 'number[][]',
        doc: t('Жалпы баға 1..5', 'Общая оценка 1..5', 'Overall score 1..5'),
      },
      {
        name: 'min_base',
        type: 'number',
        optional: true,
        doc: t(
          'Ең аз іріктеме (әдепкі 30)',
          'Минимальная выборка (по умолчанию 30)',
          'Minimum base to be ranked (default 30)',
        ),
      },
      locale(),
    ],
    returns: {
      type: 'any[][]',
      doc: t('Рейтинг кестесі', 'Таблица рейтинга', 'The rating table'),
    },
    example: '=RATING(D2:D, J2:J, 30, "kk")',
  },
]
