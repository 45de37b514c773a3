/** @module Localised titles, column labels and category names (Kazakh default, Russian, English). */
import type { Scale } from './schema'
import type { TableId, Value } from './types'
import { ASPECT_LABELS, type Aspect, type Locale, type Text, text as t } from './vocabulary'

export const TITLES: Record<TableId, Text> = {
  rating: t('Қызметтер рейтингі', 'Рейтинг услуг', 'Service rating'),
  distribution: t('Бағалардың бөлінуі', 'Распределение оценок', 'Score distribution'),
  aspects: t('Қызмет аспектілерінің бағалары', 'Оценки аспектов услуги', 'Aspect scores'),
  regions: t(
    'Өңірлер бойынша қанағаттанушылық',
    'Удовлетворенность по регионам',
    'Satisfaction by region',
  ),
  barriers: t(
    'Тамыр-таныстар, бейресми сыйақылар және шағымдар',
    'Связи, неформальные платежи и жалобы',
    'Connections, informal payments and complaints',
  ),
  concern: t(
    'Әлеуметтік алаңдаушылық индексі',
    'Индекс социальной озабоченности',
    'Social-concern index',
  ),
  drivers: t(
    'Қанағаттанудың негізгі факторлары',
    'Ключевые факторы удовлетворенности',
    'Key drivers',
  ),
  channels: t(
    'Мемкорпорация мен мемлекеттік орган',
    'Госкорпорация и государственный орган',
    'State Corporation vs state body',
  ),
  places: t('Қызмет алынған орын бойынша', 'По месту получения услуги', 'By place of service'),
  demographics: t('Жас және жыныс бойынша', 'По возрасту и полу', 'By age and gender'),
  questions: t('Қосымша сұрақтар', 'Дополнительные вопросы', 'Further questions'),
  waves: t('Өткен жылмен салыстыру', 'Сравнение с прошлым годом', 'Against the previous wave'),
  issues: t('Деректердегі қателер', 'Ошибки в данных', 'Data issues'),
}

/** Column labels by key, shared by every table that has the key. */
const COLUMN_LABELS: Record<string, Text> = {
  rank: t('Орны', 'Место', 'Rank'),
  service: t('Қызмет', 'Услуга', 'Service'),
  agency: t('Мемлекеттік орган', 'Государственный орган', 'Agency'),
  n: t('Респонденттер саны', 'Число респондентов', 'Respondents'),
  satisfaction: t('Қанағаттанушылық', 'Удовлетворенность', 'Satisfaction'),
  top2: t('«4» және «5» үлесі', 'Доля «4» и «5»', 'Top-2 box'),
  mean: t('Орташа балл', 'Средний балл', 'Mean score'),
  score10: t('10 балдық шкала', '10-балльная шкала', '10-point score'),
  ciLow: t('95% СА төменгі шегі', '95% ДИ нижняя граница', '95% CI low'),
  ciHigh: t('95% СА жоғарғы шегі', '95% ДИ верхняя граница', '95% CI high'),
  smallBase: t('Іріктеме аз', 'Малая выборка', 'Small base'),
  groupType: t('Топ түрі', 'Тип группы', 'Group type'),
  group: t('Топ', 'Группа', 'Group'),
  overall: t('Жалпы орташа балл', 'Общий средний балл', 'Overall mean'),
  delta: t('Айырма', 'Отклонение', 'Delta'),
  region: t('Өңір', 'Регион', 'Region'),
  localN: t('ЖАО: саны', 'МИО: число', 'Local bodies: n'),
  localSatisfaction: t(
    'ЖАО: қанағаттанушылық',
    'МИО: удовлетворенность',
    'Local bodies: satisfaction',
  ),
  localMean: t('ЖАО: орташа балл', 'МИО: средний балл', 'Local bodies: mean'),
  corpN: t('Мемкорпорация: саны', 'Госкорпорация: число', 'State Corporation: n'),
  corpSatisfaction: t(
    'Мемкорпорация: қанағаттанушылық',
    'Госкорпорация: удовлетворенность',
    'State Corporation: satisfaction',
  ),
  corpMean: t(
    'Мемкорпорация: орташа балл',
    'Госкорпорация: средний балл',
    'State Corporation: mean',
  ),
  bodyN: t('Меморган: саны', 'Госорган: число', 'State body: n'),
  bodySatisfaction: t(
    'Меморган: қанағаттанушылық',
    'Госорган: удовлетворенность',
    'State body: satisfaction',
  ),
  diff: t('Айырма', 'Разница', 'Difference'),
  connections: t('Тамыр-таныстарды пайдалану', 'Использование связей', 'Personal connections'),
  informalPayments: t('Бейресми сыйақылар', 'Неформальные платежи', 'Informal payments'),
  complaints: t('Шағымдар', 'Жалобы', 'Complaints'),
  index: t('Индекс', 'Индекс', 'Index'),
  dissatisfied: t(
    'Қанағаттанбағандар («1»–«2»)',
    'Неудовлетворенные («1»–«2»)',
    'Dissatisfied (1–2)',
  ),
  distrust: t('Сенімсіздік («1»–«2»)', 'Недоверие («1»–«2»)', 'Distrust (1–2)'),
  aspect: t('Аспект', 'Аспект', 'Aspect'),
  r: t('Корреляция (r)', 'Корреляция (r)', 'Correlation (r)'),
  dimension: t('Белгі', 'Признак', 'Dimension'),
  band: t('Топ', 'Группа', 'Band'),
  row: t('Жол', 'Строка', 'Row'),
  column: t('Баған', 'Столбец', 'Column'),
  value: t('Мәні', 'Значение', 'Value'),
  reason: t('Себебі', 'Причина', 'Reason'),
  label: t('Атауы', 'Название', 'Name'),
  rankLow: t('Орны: ең жоғары', 'Место: лучшее', 'Best rank'),
  rankHigh: t('Орны: ең төмен', 'Место: худшее', 'Worst rank'),
  rankRange: t('Орын аралығы', 'Диапазон мест', 'Rank range'),
  meanCiLow: t('Орташа: 95% СА төменгі', 'Среднее: 95% ДИ нижняя', 'Mean 95% CI low'),
  meanCiHigh: t('Орташа: 95% СА жоғарғы', 'Среднее: 95% ДИ верхняя', 'Mean 95% CI high'),
  sigSatisfaction: t(
    'Қанағаттанушылық: қалғандардан айырма',
    'Удовлетворенность: отличие от остальных',
    'Satisfaction vs the rest',
  ),
  sigMean: t(
    'Орташа балл: қалғандардан айырма',
    'Средний балл: отличие от остальных',
    'Mean vs the rest',
  ),
  localScore10: t('ЖАО: 10 балдық шкала', 'МИО: 10-балльная шкала', 'Local bodies: 10-point score'),
  localSigSatisfaction: t(
    'ЖАО: қанағаттанушылық айырмасы',
    'МИО: отличие удовлетворенности',
    'Local bodies: satisfaction vs the rest',
  ),
  localSigMean: t(
    'ЖАО: орташа балл айырмасы',
    'МИО: отличие среднего балла',
    'Local bodies: mean vs the rest',
  ),
  corpSigSatisfaction: t(
    'Мемкорпорация: қанағаттанушылық айырмасы',
    'Госкорпорация: отличие удовлетворенности',
    'State Corporation: satisfaction vs the rest',
  ),
  corpSigMean: t(
    'Мемкорпорация: орташа балл айырмасы',
    'Госкорпорация: отличие среднего балла',
    'State Corporation: mean vs the rest',
  ),
  corpCentralN: t(
    'Мемкорпорация, орталық қызметтер: саны',
    'Госкорпорация, центральные услуги: число',
    'State Corporation, central services: n',
  ),
  corpCentralSatisfaction: t(
    'Мемкорпорация, орталық қызметтер: қанағаттанушылық',
    'Госкорпорация, центральные услуги: удовлетворенность',
    'State Corporation, central services: satisfaction',
  ),
  corpCentralMean: t(
    'Мемкорпорация, орталық қызметтер: орташа балл',
    'Госкорпорация, центральные услуги: средний балл',
    'State Corporation, central services: mean',
  ),
  corpLocalN: t(
    'Мемкорпорация, жергілікті қызметтер: саны',
    'Госкорпорация, местные услуги: число',
    'State Corporation, local services: n',
  ),
  corpLocalSatisfaction: t(
    'Мемкорпорация, жергілікті қызметтер: қанағаттанушылық',
    'Госкорпорация, местные услуги: удовлетворенность',
    'State Corporation, local services: satisfaction',
  ),
  corpLocalMean: t(
    'Мемкорпорация, жергілікті қызметтер: орташа балл',
    'Госкорпорация, местные услуги: средний балл',
    'State Corporation, local services: mean',
  ),
  channel: t('Қызмет алынған орын', 'Место получения', 'Place'),
  aspectLabel: t('Аспект', 'Аспект', 'Aspect'),
  importance: t('Салыстырмалы маңыздылығы', 'Относительная важность', 'Relative importance'),
  question: t('Сұрақ', 'Вопрос', 'Question'),
  questionLabel: t('Сұрақ', 'Вопрос', 'Question'),
  type: t('Түрі', 'Тип', 'Type'),
  option: t('Жауап', 'Ответ', 'Answer'),
  share: t('Үлесі', 'Доля', 'Share'),
  previousN: t('Өткен жыл: саны', 'Прошлый год: число', 'Previous: n'),
  previousSatisfaction: t(
    'Өткен жыл: қанағаттанушылық',
    'Прошлый год: удовлетворенность',
    'Previous: satisfaction',
  ),
  previousMean: t('Өткен жыл: орташа балл', 'Прошлый год: средний балл', 'Previous: mean'),
  change: t('Қанағаттанушылық өзгерісі', 'Изменение удовлетворенности', 'Change in satisfaction'),
  changeMean: t('Орташа балл өзгерісі', 'Изменение среднего балла', 'Change in mean'),
  sigChange: t(
    'Қанағаттанушылық өзгерісі мәнді',
    'Изменение удовлетворенности значимо',
    'Satisfaction change significant',
  ),
  sigChangeMean: t(
    'Орташа балл өзгерісі мәнді',
    'Изменение среднего балла значимо',
    'Mean change significant',
  ),
  index100: t('Индекс 0–100', 'Индекс 0–100', 'Index 0–100'),
}

/**
 * Labels that name points of the scale: the top two and the two lowest points are «4», «5»
 * and «1», «2» only on 1..5.
 */
export function scaleLabels(scale: Scale, locale: Locale): Map<string, string> {
  const [low, second, top, next] = [scale.min, scale.min + 1, scale.max, scale.max - 1]
  const labels: Record<string, Text> = {
    top2: t(
      `«${next}» және «${top}» үлесі`,
      `Доля «${next}» и «${top}»`,
      `Top-2 box (${next}–${top})`,
    ),
    dissatisfied: t(
      `Қанағаттанбағандар («${low}»–«${second}»)`,
      `Неудовлетворенные («${low}»–«${second}»)`,
      `Dissatisfied (${low}–${second})`,
    ),
    distrust: t(
      `Сенімсіздік («${low}»–«${second}»)`,
      `Недоверие («${low}»–«${second}»)`,
      `Distrust (${low}–${second})`,
    ),
  }
  return new Map(Object.keys(labels).map((key) => [key, labels[key][locale]]))
}

/** Own keys only: a survey text such as `constructor` is no label's key. */
const has = (object: object, key: string) => Object.hasOwn(object, key)

const POINT_LABELS = {
  p: (s: string) => t(`«${s}» үлесі`, `Доля «${s}»`, `Share ${s}`),
  n: (s: string) => t(`«${s}» саны`, `Число «${s}»`, `Count ${s}`),
}

/** A column's label: an aspect's name, a known key's, `p7` / `n7` for a point of any scale. */
export function columnLabel(key: string, locale: Locale): string {
  const aspect = has(ASPECT_LABELS, key) ? ASPECT_LABELS[key as Aspect] : undefined
  const known = aspect ?? (has(COLUMN_LABELS, key) ? COLUMN_LABELS[key] : undefined)
  if (known) return known[locale]
  const point = /^([pn])(\d+)$/.exec(key)
  if (point) return POINT_LABELS[point[1] as 'p' | 'n'](point[2])[locale]
  return key
}

/** Reasons a measure is null, in the report's locale. */
export const REASONS = {
  noRated: t(
    'бағалаған респондент жоқ',
    'нет респондентов с оценкой',
    'no respondent gave a valid overall score',
  ),
  smallBase: t('іріктеме аз', 'малая выборка', 'base below the minimum'),
  noColumn: (what: string) =>
    t(`«${what}» бағаны жоқ`, `нет столбца «${what}»`, `no "${what}" column`),
}

/** The machine keys of `groupType` and `dimension` columns, named for the sheets. */
export const GROUP_TYPES: Record<string, Text> = {
  rating: t('Бағалау', 'Оценка', 'Rating'),
  yesno: t('Иә/жоқ', 'Да/нет', 'Yes/no'),
  choice: t('Бір жауап', 'Один ответ', 'Single choice'),
  multi: t('Бірнеше жауап', 'Несколько ответов', 'Multiple choice'),
  service: t('Қызмет', 'Услуга', 'Service'),
  agency: t('Мемлекеттік орган', 'Государственный орган', 'Agency'),
  region: t('Өңір', 'Регион', 'Region'),
  level: t('Деңгей', 'Уровень', 'Level'),
  channel: t('Қызмет алу арнасы', 'Канал получения', 'Channel'),
  localRegion: t('Өңір (ЖАО)', 'Регион (МИО)', 'Region (local bodies)'),
  corpRegion: t('Өңір (Мемкорпорация)', 'Регион (Госкорпорация)', 'Region (State Corporation)'),
  agencyBody: t(
    'Мемлекеттік орган (Мемкорпорация мен порталсыз)',
    'Госорган (без Госкорпорации и портала)',
    'Agency (own delivery only)',
  ),
  localRegionBody: t(
    'Өңір (ЖАО, Мемкорпорация мен порталсыз)',
    'Регион (МИО, без Госкорпорации и портала)',
    'Region (local bodies, own delivery only)',
  ),
  corpLevel: t(
    'Мемкорпорация: орталық және жергілікті қызметтер',
    'Госкорпорация: центральные и местные услуги',
    'State Corporation: central and local services',
  ),
  corpRegionCentral: t(
    'Өңір (Мемкорпорация, орталық қызметтер)',
    'Регион (Госкорпорация, центральные услуги)',
    'Region (State Corporation, central services)',
  ),
  corpRegionLocal: t(
    'Өңір (Мемкорпорация, жергілікті қызметтер)',
    'Регион (Госкорпорация, местные услуги)',
    'Region (State Corporation, local services)',
  ),
  total: t('Барлығы', 'Всего', 'Total'),
  age: t('Жас', 'Возраст', 'Age'),
  gender: t('Жыныс', 'Пол', 'Gender'),
}

/** A table cell as a sheet shows it: group-type keys by their names, everything else as it is. */
export function displayValue(key: string, value: Value, locale: Locale): Value {
  if (
    (key === 'groupType' || key === 'dimension' || key === 'type') &&
    typeof value === 'string' &&
    has(GROUP_TYPES, value)
  ) {
    return GROUP_TYPES[value][locale]
  }
  return value
}
