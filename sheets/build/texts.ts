/** @module The few words the sheets add to the engine's labels, in the report's locales. */
import type { Locale } from '../../engine/index'

export interface SheetTexts {
  smallBase: (minBase: number) => string
  /** The note on a small base that is not about ranking (a place, an age band). */
  smallGroup: (minBase: number) => string
  issuesCaption: (listed: number, total: number) => string
  share: string
  /** The note on a cell whose text was longer than the platform holds. */
  cut: (length: number, limit: number, platform: string) => string
  /** The per-service chapters' sheet, as the report's chapter is titled. */
  chapters: string
  contents: string
  score: string
  count: string
  chartData: string
  average: string
  weights: string
  category: string
  target: string
  achieved: string
  sample: string
  /** The raking summary's rows. */
  raking: {
    iterations: string
    converged: string
    maxError: string
    efficiency: string
    designEffect: string
    minWeight: string
    maxWeight: string
    trimmed: string
    outside: string
  }
  yes: string
  no: string
  /** The note under the Weights sheet's table. */
  weightsNote: string
}

const TEXTS: Record<Locale, SheetTexts> = {
  kk: {
    smallBase: (n) => `Іріктеме аз (${n}-ден кем): рейтингке кірмейді`,
    smallGroup: (n) => `Іріктеме аз (${n}-ден кем)`,
    issuesCaption: (listed, total) =>
      `Деректердегі қателер: барлығы ${total}, көрсетілгені ${listed}`,
    share: 'Үлес',
    cut: (length, limit, platform) =>
      `Мәтін ${length} таңбадан ${limit} таңбаға дейін қысқартылды: ${platform} ұяшығына одан көп сыймайды`,
    chapters: 'Қызметтер',
    contents: 'Мазмұны',
    score: 'Баға',
    count: 'Саны',
    chartData: 'диаграмма деректері',
    average: 'орташа',
    weights: 'Салмақтар',
    category: 'Санат',
    target: 'Мақсатты үлес',
    achieved: 'Қол жеткен үлес',
    sample: 'Іріктемедегі үлес',
    raking: {
      iterations: 'Итерациялар',
      converged: 'Жинақталды',
      maxError: 'Ең үлкен ауытқу',
      efficiency: 'Тиімділік (Киш)',
      designEffect: 'Дизайн-эффект',
      minWeight: 'Ең кіші салмақ',
      maxWeight: 'Ең үлкен салмақ',
      trimmed: 'Шекте ұсталған респонденттер',
      outside: 'Шектен тыс респонденттер',
    },
    yes: 'Иә',
    no: 'Жоқ',
    weightsNote:
      'Іріктеме бас жиынтықтың үлестеріне итеративті пропорционалды түзету (рейкинг) арқылы келтірілді; салмақтар олардың орташасына қатысты.',
  },
  ru: {
    smallBase: (n) => `Малая выборка (меньше ${n}): не ранжируется`,
    smallGroup: (n) => `Малая выборка (меньше ${n})`,
    issuesCaption: (listed, total) => `Ошибки в данных: всего ${total}, показано ${listed}`,
    share: 'Доля',
    cut: (length, limit, platform) =>
      `Текст сокращён с ${length} до ${limit} символов: больше ячейка ${platform} не вмещает`,
    chapters: 'Услуги',
    contents: 'Содержание',
    score: 'Оценка',
    count: 'Число',
    chartData: 'данные диаграммы',
    average: 'среднее',
    weights: 'Веса',
    category: 'Категория',
    target: 'Целевая доля',
    achieved: 'Достигнутая доля',
    sample: 'Доля в выборке',
    raking: {
      iterations: 'Итерации',
      converged: 'Сошлось',
      maxError: 'Наибольшее отклонение',
      efficiency: 'Эффективность (Киш)',
      designEffect: 'Дизайн-эффект',
      minWeight: 'Наименьший вес',
      maxWeight: 'Наибольший вес',
      trimmed: 'Респонденты на границе усечения',
      outside: 'Респонденты вне границ',
    },
    yes: 'Да',
    no: 'Нет',
    weightsNote:
      'Выборка приведена к долям генеральной совокупности итеративной пропорциональной подгонкой (рейкинг); веса даны относительно их среднего.',
  },
  en: {
    smallBase: (n) => `Small base (under ${n}): not ranked`,
    smallGroup: (n) => `Small base (under ${n})`,
    issuesCaption: (listed, total) => `Data issues: ${total} in all, ${listed} listed`,
    share: 'Share',
    cut: (length, limit, platform) =>
      `Text cut from ${length} to ${limit} characters: a ${platform} cell holds no more`,
    chapters: 'Services',
    contents: 'Contents',
    score: 'Score',
    count: 'Count',
    chartData: 'chart data',
    average: 'average',
    weights: 'Weights',
    category: 'Category',
    target: 'Target share',
    achieved: 'Achieved share',
    sample: 'Sample share',
    raking: {
      iterations: 'Iterations',
      converged: 'Converged',
      maxError: 'Largest error',
      efficiency: 'Efficiency (Kish)',
      designEffect: 'Design effect',
      minWeight: 'Smallest weight',
      maxWeight: 'Largest weight',
      trimmed: 'Respondents held at a trimming bound',
      outside: 'Respondents outside the bounds',
    },
    yes: 'Yes',
    no: 'No',
    weightsNote:
      "The sample was raked (iterative proportional fitting) to the population's shares; weights are relative to their mean.",
  },
}

export function sheetTexts(locale: Locale): SheetTexts {
  return Object.hasOwn(TEXTS, locale) ? TEXTS[locale] : TEXTS.kk
}
