/**
 * @module The survey's vocabulary, in one place: column roles, the report's aspects and barriers,
 * and the categories the engine derives (channels, levels, genders, age bands, driver groups),
 * each as a key with its Kazakh, Russian and English label.
 */

/** Languages of titles and labels: Kazakh (the default), Russian, English. */
export const LOCALES = ['kk', 'ru', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export type Text = Record<Locale, string>
export const text = (kk: string, ru: string, en: string): Text => ({ kk, ru, en })

/** The report's eight aspects, rated on the survey's scale. */
export const ASPECTS = [
  'infoAccess',
  'infoClarity',
  'documents',
  'timeliness',
  'staffCompetence',
  'staffSpeed',
  'staffCourtesy',
  'trust',
] as const
export type Aspect = (typeof ASPECTS)[number]

/** The report's three barriers, answered yes or no. */
export const BARRIERS = ['complaint', 'informalPayment', 'connections'] as const
export type Barrier = (typeof BARRIERS)[number]

/** Column roles of DESIGN §3, in the order the sidebar shows them. */
export const ROLES = [
  'service',
  'overall',
  'agency',
  'level',
  'region',
  'channel',
  'age',
  'gender',
  ...ASPECTS,
  ...BARRIERS,
  'weight',
] as const
export type Role = (typeof ROLES)[number]
export const REQUIRED_ROLES: readonly Role[] = ['service', 'overall']

/** Where the service was received: the state body itself, the State Corporation (ХҚКО/ЦОН), the portal. */
export const CHANNELS = ['body', 'corp', 'portal'] as const
export type Channel = (typeof CHANNELS)[number]

export const LEVELS = ['central', 'local'] as const
export type Level = (typeof LEVELS)[number]

export const GENDERS = ['male', 'female'] as const
export type Gender = (typeof GENDERS)[number]

/** The report's age bands (tables 30, 32, 34). */
export const AGE_BANDS = ['<18', '18-21', '22-29', '30-39', '40-49', '50-59', '60+'] as const

/**
 * The key-driver groups of the report's conclusions: central and local bodies' own delivery,
 * and the State Corporation (whichever body's service it delivered).
 */
export const DRIVER_GROUPS = ['central', 'local', 'corp'] as const
export type DriverGroup = (typeof DRIVER_GROUPS)[number]

export const ASPECT_LABELS: Record<Aspect, Text> = {
  infoAccess: text(
    'Ақпараттың ашықтығы мен қолжетімділігі',
    'Доступность и открытость информации',
    'Information access',
  ),
  infoClarity: text(
    'Алынған ақпараттың айқындылығы мен дұрыстығы',
    'Ясность и достоверность информации',
    'Information clarity',
  ),
  documents: text('Құжаттарды жинау және тапсыру процесі', 'Сбор и подача документов', 'Documents'),
  timeliness: text('Қызмет ұсыну мерзімдері', 'Сроки оказания услуги', 'Timeliness'),
  staffCompetence: text(
    'Қызметкерлердің біліктілігі',
    'Компетентность сотрудника',
    'Staff competence',
  ),
  staffSpeed: text(
    'Қызметкердің жұмыс істеу шапшаңдығы',
    'Оперативность сотрудника',
    'Staff speed',
  ),
  staffCourtesy: text('Қызметкердің әдептілігі', 'Вежливость сотрудника', 'Staff courtesy'),
  trust: text('Қызмет ұсынушыға сенім', 'Доверие к услугодателю', 'Trust in the provider'),
}

/** Labels of the categories the engine derives: the keys tables carry with a `label` beside them. */
const CATEGORY_LABELS = new Map<string, Text>([
  ['body', text('Мемлекеттік орган', 'Государственный орган', 'State body')],
  ['corp', text('Мемкорпорация (ХҚКО)', 'Госкорпорация (ЦОН)', 'State Corporation')],
  [
    'portal',
    text(
      '«Электрондық үкімет» порталы',
      'Портал «электронного правительства»',
      'E-government portal',
    ),
  ],
  [
    'central',
    text('Орталық мемлекеттік органдар', 'Центральные государственные органы', 'Central bodies'),
  ],
  [
    'local',
    text('Жергілікті атқарушы органдар', 'Местные исполнительные органы', 'Local executive bodies'),
  ],
  ['male', text('Ер', 'Мужчины', 'Male')],
  ['female', text('Әйел', 'Женщины', 'Female')],
  ['total', text('Барлығы', 'Всего', 'Total')],
])

/** A derived category's label (channel, level, gender, driver group, aspect, total); other text as it is. */
export function categoryLabel(key: string, locale: Locale): string {
  const aspect = (ASPECTS as readonly string[]).includes(key)
    ? ASPECT_LABELS[key as Aspect]
    : undefined
  return (aspect ?? CATEGORY_LABELS.get(key))?.[locale] ?? key
}
