/** @module Localised titles, column labels and category names (Kazakh default, Russian, English). */
import type { Aspect, Locale, TableId, Value } from './types'

type Text = Record<Locale, string>
const t = (kk: string, ru: string, en: string): Text => ({ kk, ru, en })

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
  demographics: t('Жас және жыныс бойынша', 'По возрасту и полу', 'By age and gender'),
  issues: t('Деректердегі қателер', 'Ошибки в данных', 'Data issues'),
}

export const ASPECT_LABELS: Record<Aspect, Text> = {
  infoAccess: t(
    'Ақпараттың ашықтығы мен қолжетімділігі',
    'Доступность и открытость информации',
    'Information access',
  ),
  infoClarity: t(
    'Алынған ақпараттың айқындылығы мен дұрыстығы',
    'Ясность и достоверность информации',
    'Information clarity',
  ),
  documents: t('Құжаттарды жинау және тапсыру процесі', 'Сбор и подача документов', 'Documents'),
  timeliness: t('Қызмет ұсыну мерзімдері', 'Сроки оказания услуги', 'Timeliness'),
  staffCompetence: t(
    'Қызметкерлердің біліктілігі',
    'Компетентность сотрудника',
    'Staff competence',
  ),
  staffSpeed: t('Қызметкердің жұмыс істеу шапшаңдығы', 'Оперативность сотрудника', 'Staff speed'),
  staffCourtesy: t('Қызметкердің әдептілігі', 'Вежливость сотрудника', 'Staff courtesy'),
  trust: t('Қызмет ұсынушыға сенім', 'Доверие к услугодателю', 'Trust in the provider'),
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
  p1: t('«1» үлесі', 'Доля «1»', 'Share 1'),
  p2: t('«2» үлесі', 'Доля «2»', 'Share 2'),
  p3: t('«3» үлесі', 'Доля «3»', 'Share 3'),
  p4: t('«4» үлесі', 'Доля «4»', 'Share 4'),
  p5: t('«5» үлесі', 'Доля «5»', 'Share 5'),
  n1: t('«1» саны', 'Число «1»', 'Count 1'),
  n2: t('«2» саны', 'Число «2»', 'Count 2'),
  n3: t('«3» саны', 'Число «3»', 'Count 3'),
  n4: t('«4» саны', 'Число «4»', 'Count 4'),
  n5: t('«5» саны', 'Число «5»', 'Count 5'),
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
}

export function columnLabel(key: string, locale: Locale): string {
  const aspect = ASPECT_LABELS[key as Aspect]
  return (aspect ?? COLUMN_LABELS[key])?.[locale] ?? key
}

/** Category names that the engine itself derives (channel, level, gender, driver group, total). */
export const CATEGORY: Record<string, Text> = {
  body: t('Мемлекеттік орган', 'Государственный орган', 'State body'),
  corp: t('Мемкорпорация (ХҚКО)', 'Госкорпорация (ЦОН)', 'State Corporation'),
  portal: t(
    '«Электрондық үкімет» порталы',
    'Портал «электронного правительства»',
    'E-government portal',
  ),
  central: t(
    'Орталық мемлекеттік органдар',
    'Центральные государственные органы',
    'Central bodies',
  ),
  local: t(
    'Жергілікті атқарушы органдар',
    'Местные исполнительные органы',
    'Local executive bodies',
  ),
  male: t('Ер', 'Мужчины', 'Male'),
  female: t('Әйел', 'Женщины', 'Female'),
  total: t('Барлығы', 'Всего', 'Total'),
}

export function category(key: string, locale: Locale): string {
  return CATEGORY[key]?.[locale] ?? key
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
  service: t('Қызмет', 'Услуга', 'Service'),
  agency: t('Мемлекеттік орган', 'Государственный орган', 'Agency'),
  region: t('Өңір', 'Регион', 'Region'),
  channel: t('Қызмет алу арнасы', 'Канал получения', 'Channel'),
  localRegion: t('Өңір (ЖАО)', 'Регион (МИО)', 'Region (local bodies)'),
  corpRegion: t('Өңір (Мемкорпорация)', 'Регион (Госкорпорация)', 'Region (State Corporation)'),
  total: t('Барлығы', 'Всего', 'Total'),
  age: t('Жас', 'Возраст', 'Age'),
  gender: t('Жыныс', 'Пол', 'Gender'),
}

/** A table cell as a sheet shows it: group-type keys by their names, everything else as it is. */
export function displayValue(key: string, value: Value, locale: Locale): Value {
  if ((key === 'groupType' || key === 'dimension') && typeof value === 'string') {
    return GROUP_TYPES[value]?.[locale] ?? value
  }
  return value
}
