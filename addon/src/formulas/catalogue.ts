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
  'MEAN_CI',
  'SOCIAL_CONCERN',
  'KEY_DRIVERS',
  'RATING',
] as const
export type FormulaName = (typeof FORMULA_NAMES)[number]

const scores = (): FormulaParam => ({
  name: 'range',
  type: 'number[][]',
  doc: t(
    'Шкала бойынша бағалар (әдепкі 1..5); бос ұяшықтар мен «жауап беруге қиналамын» ескерілмейді',
    'Оценки по шкале (по умолчанию 1..5); пустые ячейки и «затрудняюсь ответить» пропускаются',
    'Scores on the scale (1..5 unless scale says otherwise); blanks and "hard to say" are skipped',
  ),
})
/** The last argument of every formula: the answer scale. */
const scale = (): FormulaParam => ({
  name: 'scale',
  type: 'string',
  optional: true,
  doc: t(
    'Шкала "MIN..MAX" түрінде, мысалы "1..10" немесе "0..10" (әдепкі "1..5")',
    'Шкала в виде "MIN..MAX", например "1..10" или "0..10" (по умолчанию "1..5")',
    'The scale as "MIN..MAX", e.g. "1..10" or "0..10" (default "1..5")',
  ),
})
const definition = (): FormulaParam => ({
  name: 'definition',
  type: 'string',
  optional: true,
  doc: t(
    '"top" — ең жоғары баға үлесі (әдепкі), "top2" — екі ең жоғары баға үлесі',
    '"top" — доля высшей оценки (по умолчанию), "top2" — доля двух высших',
    '"top": share of the top score (default); "top2": share of the top two',
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
      'Қанағаттанушылық: ең жоғары баға («5») қойғандар үлесі (немесе "top2" болса екі ең жоғарысы)',
      'Удовлетворенность: доля поставивших высшую оценку («5») (или две высших при "top2")',
      'Satisfaction: the share who gave the top score (5 on 1..5), or the top two with "top2"',
    ),
    params: [scores(), definition(), weights(), scale()],
    returns: { type: 'number', doc: t('Үлес 0..1', 'Доля 0..1', 'A share 0..1') },
    example: '=SATISFACTION(J2:J)',
  },
  {
    name: 'TOP2BOX',
    summary: t(
      'Екі ең жоғары баға үлесі («4» және «5»)',
      'Доля двух высших оценок («4» и «5»)',
      'Top-2 box: the share who gave one of the two top scores (4 or 5 on 1..5)',
    ),
    params: [scores(), weights(), scale()],
    returns: { type: 'number', doc: t('Үлес 0..1', 'Доля 0..1', 'A share 0..1') },
    example: '=TOP2BOX(J2:J)',
  },
  {
    name: 'MEAN_SCORE',
    summary: t('Шкала бойынша орташа балл', 'Средний балл по шкале', 'Mean score on the scale'),
    params: [scores(), weights(), scale()],
    returns: { type: 'number', doc: t('Орташа балл', 'Средний балл', 'The mean score') },
    example: '=MEAN_SCORE(J2:J)',
  },
  {
    name: 'SCORE10',
    summary: t(
      '10 балдық шкала бойынша баға: 10 × орташа балл / ең жоғары балл (1..5 шкаласында 2 × орташа)',
      'Оценка по 10-балльной шкале: 10 × средний балл / максимум (на шкале 1..5 — 2 × средний)',
      '10-point score: 10 × mean / the scale’s top (twice the mean on 1..5)',
    ),
    params: [scores(), weights(), scale()],
    returns: { type: 'number', doc: t('Баға 0..10', 'Оценка 0..10', 'A score 0..10') },
    example: '=SCORE10(J2:J)',
  },
  {
    name: 'RESPONDENTS',
    summary: t(
      'Жарамды бағасы бар респонденттер саны',
      'Число респондентов с действительной оценкой',
      'Base: respondents with a valid score (Σ weights when weighted)',
    ),
    params: [scores(), weights(), scale()],
    returns: { type: 'number', doc: t('Респонденттер саны', 'Число респондентов', 'Respondents') },
    example: '=RESPONDENTS(J2:J)',
  },
  {
    name: 'DISTRIBUTION',
    summary: t(
      'Шкаланың әр бағасының үлесі, бір жолда (1..5 шкаласында 5 ұяшық)',
      'Доли каждой оценки шкалы в одной строке (5 ячеек на шкале 1..5)',
      'Shares of each score of the scale, spilled across one row (5 cells on 1..5)',
    ),
    params: [scores(), weights(), scale()],
    returns: { type: 'number[][]', doc: t('Үлестер жолы', 'Строка долей', 'A row of shares') },
    example: '=DISTRIBUTION(J2:J)',
  },
  {
    name: 'SATISFACTION_CI',
    summary: t(
      'Қанағаттанушылықтың 95% сенім аралығы (Уилсон; салмақтармен — дизайн бойынша тиімді іріктемеде), бір жолда (2 ұяшық)',
      '95% доверительный интервал удовлетворенности (Уилсон; с весами — на эффективной базе дизайна), в одной строке (2 ячейки)',
      '95% Wilson interval of satisfaction (with weights, on the design effective base), spilled as low and high',
    ),
    params: [scores(), definition(), weights(), scale()],
    returns: {
      type: 'number[][]',
      doc: t('Төменгі және жоғарғы шек', 'Нижняя и верхняя граница', 'Low and high ends'),
    },
    example: '=SATISFACTION_CI(J2:J)',
  },
  {
    name: 'MEAN_CI',
    summary: t(
      'Орташа балдың 95% сенім аралығы (t; салмақтармен — дизайн бойынша дисперсия), шкала ішінде, бір жолда (2 ұяшық)',
      '95% доверительный интервал среднего балла (t; с весами — дисперсия по дизайну), в пределах шкалы, в одной строке (2 ячейки)',
      '95% t interval of the mean score (with weights, design-based variance), within the scale, spilled as low and high',
    ),
    params: [scores(), weights(), scale()],
    returns: {
      type: 'number[][]',
      doc: t('Төменгі және жоғарғы шек', 'Нижняя и верхняя граница', 'Low and high ends'),
    },
    example: '=MEAN_CI(J2:J)',
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
        doc: t(
          'Жалпы баға (шкала бойынша)',
          'Общая оценка (по шкале)',
          'Overall score, on the scale',
        ),
      },
      {
        name: 'trust',
        type: 'number[][]',
        doc: t(
          'Сенім (шкала бойынша)',
          'Доверие (по шкале)',
          'Trust in the provider, on the scale',
        ),
      },
      yesNo('complaints', t('Шағым берді', 'Подавал жалобу', 'Complained')),
      yesNo('payments', t('Бейресми сыйақы', 'Неформальный платёж', 'Informal payment')),
      yesNo('connections', t('Тамыр-таныстар', 'Использование связей', 'Personal connections')),
      scale(),
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
      scale(),
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
        doc: t(
          'Жалпы баға (шкала бойынша)',
          'Общая оценка (по шкале)',
          'Overall score, on the scale',
        ),
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
      scale(),
    ],
    returns: {
      type: 'any[][]',
      doc: t(
        'Рейтинг кестесі: орын және оның ауқымы, аралықтар, қалғандарымен салыстырғандағы маңыздылық (−1/0/+1)',
        'Таблица рейтинга: место и его диапазон, интервалы, значимость против остальных (−1/0/+1)',
        'The rating table: rank and its range, intervals, significance against the rest (−1/0/+1)',
      ),
    },
    example: '=RATING(D2:D, J2:J, 30, "kk")',
  },
]
