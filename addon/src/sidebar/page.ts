/** @module The settings sidebar: a form over the saved settings, checked as the analyst types. */
import {
  type Locale,
  type Mapping,
  type Question,
  type QuestionType,
  questionColumns,
  type Role,
  type TableId,
} from '../../../engine/index'
import { localeOf, type MessageKey, type Translate, translator } from '../shared/messages'
import type { Detection, SidebarState } from '../shared/protocol'
import {
  ratedItems,
  type SettingsDraft,
  type SettingsErrors,
  type SettingsField,
  validateSettings,
} from '../shared/settings'
import { LOCALE_LABELS, orderLabel, roleLabel, tableLabel } from './labels'
import { server } from './run'

const NONE = ''
/** Headers the "not read" hint names at most. */
const UNUSED_SHOWN = 12

let state: SidebarState
let detection: Detection
/** The previous wave's sheet's header row, once read; null when none is chosen. */
let previous: Detection | null = null
/** The declared questions as the form holds them (rows are redrawn from these). */
let questions: Question[] = []
/** The page's language: set on <html lang> by the server, then the state's. */
let locale: Locale = localeOf(document.documentElement.lang) ?? 'en'
let t: Translate = translator(locale)

/** Every element marked data-i18n gets its message; data-i18n-placeholder its placeholder. */
function translateStatic() {
  document.documentElement.lang = locale
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n as MessageKey)
  }
  for (const node of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder as MessageKey)
  }
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  if (text !== undefined) node.textContent = text
  return node
}

function fillSelect(
  select: HTMLSelectElement,
  options: [value: string, label: string][],
  value: string,
) {
  select.replaceChildren(...options.map(([v, label]) => element('option', { value: v }, label)))
  select.value = value
}

/** The header row's columns as choices, with "— none —" first. */
function headerOptions(): [string, string][] {
  return [[NONE, t('sidebar.none')], ...detection.headers.map((h): [string, string] => [h, h])]
}

function renderMapping(mapping: Mapping) {
  const box = byId<HTMLDivElement>('mapping')
  box.replaceChildren()
  const options = headerOptions()
  for (const role of state.roles) {
    const required = state.requiredRoles.includes(role)
    const group = element('div', { class: 'form-group role' })
    const label = element(
      'label',
      { for: `role-${role}` },
      roleLabel(t, role) + (required ? ' *' : ''),
    )
    const select = element('select', { id: `role-${role}`, 'data-role': role })
    fillSelect(select, options, mapping[role] ?? NONE)
    select.addEventListener('change', () => {
      check(`mapping.${role}`)
      renderDerived()
    })
    group.append(label, select, errorSlot(`mapping.${role}`))
    box.append(group)
  }
  const problem = byId<HTMLParagraphElement>('problem')
  problem.textContent = detection.problem ?? ''
  problem.hidden = detection.problem === null
}

function errorSlot(field: SettingsField) {
  return element('div', { class: 'error', 'data-error': field, role: 'alert' })
}

/** One block per declared question: key, type, its column (or columns), a remove link. */
function renderQuestions() {
  const box = byId<HTMLDivElement>('questions')
  box.replaceChildren(...questions.map((question, i) => questionBlock(question, i)))
  renderDerived()
}

function questionBlock(question: Question, i: number): HTMLElement {
  const block = element('div', { class: 'question', 'data-question': String(i) })
  const key = element('input', {
    type: 'text',
    id: `question-${i}-key`,
    autocomplete: 'off',
    spellcheck: 'false',
  })
  key.value = question.key
  key.addEventListener('input', () => {
    question.key = key.value
    check(`questions.${i}`)
    renderDerived()
  })
  const type = element('select', { id: `question-${i}-type` })
  fillSelect(
    type,
    state.questionTypes.map((q): [string, string] => [q, t(`type.${q}` as MessageKey)]),
    question.type,
  )
  type.addEventListener('change', () => {
    const columns = questionColumns(question).filter(Boolean)
    question.type = type.value as QuestionType
    if (question.type === 'multi') {
      question.headers = columns
      delete question.header
    } else {
      question.header = columns[0] ?? ''
      delete question.headers
    }
    renderQuestions()
    check(`questions.${i}`)
  })
  const multi = question.type === 'multi'
  const columns = element('select', { id: `question-${i}-columns` })
  if (multi) {
    columns.multiple = true
    columns.size = Math.min(6, Math.max(3, detection.headers.length))
    const chosen = new Set(question.headers ?? [])
    columns.replaceChildren(
      ...detection.headers.map((h) => {
        const option = element('option', { value: h }, h)
        option.selected = chosen.has(h)
        return option
      }),
    )
  } else fillSelect(columns, headerOptions(), question.header ?? NONE)
  columns.addEventListener('change', () => {
    if (multi) question.headers = [...columns.selectedOptions].map((o) => o.value)
    else question.header = columns.value
    check(`questions.${i}`)
    renderDerived()
  })
  const remove = element('button', { type: 'button', class: 'link' }, t('sidebar.removeQuestion'))
  remove.addEventListener('click', () => {
    questions.splice(i, 1)
    renderQuestions()
    show(errorsOf())
  })
  block.append(
    element('label', { for: key.id }, t('sidebar.questionKey')),
    key,
    element('label', { for: type.id }, t('sidebar.questionType')),
    type,
    element(
      'label',
      { for: columns.id },
      t(multi ? 'sidebar.questionColumns' : 'sidebar.questionColumn'),
    ),
    columns,
    errorSlot(`questions.${i}`),
    remove,
  )
  return block
}

/** A new question: the first column no role or question reads, rated; key q1, q2, … */
function addQuestion() {
  const taken = new Set(questions.map((q) => q.key))
  let n = questions.length + 1
  while (taken.has(`q${n}`)) n++
  const [free = ''] = unusedHeaders()
  questions.push({ key: `q${n}`, type: 'rating', header: free })
  renderQuestions()
  byId<HTMLInputElement>(`question-${questions.length - 1}-key`).focus()
}

/** Headers no role and no question reads. */
function unusedHeaders(): string[] {
  const read = new Set([
    ...Object.values(currentMapping()),
    ...questions.flatMap((q) => questionColumns(q)),
  ])
  return detection.headers.filter((h) => h !== '' && !read.has(h))
}

/** What follows from the mapping and the questions: the "not read" hint and the driver items. */
function renderDerived() {
  const unused = unusedHeaders()
  const hint = byId<HTMLParagraphElement>('unused')
  const names =
    unused.slice(0, UNUSED_SHOWN).join(', ') + (unused.length > UNUSED_SHOWN ? ', …' : '')
  hint.textContent = unused.length > 0 ? t('sidebar.unused', { names }) : ''
  hint.hidden = unused.length === 0
  const box = byId('drivers')
  const excluded = new Set(
    box.childElementCount > 0 ? driversExcluded() : state.settings.driversExclude,
  )
  const aspects = new Set<string>(state.aspects)
  box.replaceChildren(
    element('legend', {}, t('sidebar.drivers')),
    ...ratedItems(currentMapping(), questions).map((key) => {
      const input = element('input', { type: 'checkbox', id: `driver-${key}`, value: key })
      input.checked = excluded.has(key)
      input.addEventListener('change', () => check('driversExclude'))
      const label = aspects.has(key) ? roleLabel(t, key as Role) : key
      const row = element('div', { class: 'check' })
      row.append(input, element('label', { for: input.id }, label))
      return row
    }),
  )
}

function driversExcluded(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>('#drivers input:checked')].map(
    (input) => input.value,
  )
}

/** The other sheets as choices for the previous wave or the margins, "— none —" first. */
function otherSheets(): [string, string][] {
  return [[NONE, t('sidebar.none')], ...state.sheets.map((s): [string, string] => [s, s])]
}

function render() {
  const { settings } = state
  fillSelect(
    byId('sheet'),
    state.sheets.map((s) => [s, s]),
    settings.sheet,
  )
  renderMapping(settings.mapping)
  questions = settings.questions.map((q) => ({ ...q, headers: q.headers && [...q.headers] }))
  for (const q of questions) if (q.headers === undefined) delete q.headers
  fillSelect(
    byId('scaleMin'),
    state.scaleMins.map((m) => [String(m), String(m)]),
    String(settings.scale.min),
  )
  fillSelect(
    byId('scaleMax'),
    state.scaleMaxes.map((m) => [String(m), String(m)]),
    String(settings.scale.max),
  )
  fillSelect(
    byId('locale'),
    state.locales.map((l) => [l, LOCALE_LABELS[l]]),
    settings.locale,
  )
  fillSelect(
    byId('order'),
    state.orders.map((o) => [o, orderLabel(t, o)]),
    settings.order,
  )
  byId<HTMLInputElement>('minBase').value = String(settings.minBase)
  byId<HTMLInputElement>('workerUrl').value = settings.workerUrl
  byId('tables').replaceChildren(
    element('legend', {}, t('sidebar.tables')),
    ...state.tables.map((id) => {
      const input = element('input', { type: 'checkbox', id: `table-${id}`, value: id })
      input.checked = settings.tables.includes(id)
      input.addEventListener('change', () => check('tables'))
      const row = element('div', { class: 'check' })
      row.append(input, element('label', { for: `table-${id}` }, tableLabel(locale, id)))
      return row
    }),
  )
  fillSelect(
    byId('level'),
    state.levels.map((level) => [String(level), `${Math.round((1 - level) * 100)} %`]),
    String(settings.significance.level),
  )
  fillSelect(
    byId('correction'),
    state.corrections.map((c) => [c, t(`correction.${c}` as MessageKey)]),
    settings.significance.correction,
  )
  fillSelect(byId('previousSheet'), otherSheets(), settings.previousSheet)
  fillSelect(byId('marginsSheet'), otherSheets(), settings.marginsSheet)
  byId<HTMLInputElement>('trimMin').value = String(settings.trim.min ?? '')
  byId<HTMLInputElement>('trimMax').value = String(settings.trim.max ?? '')
  byId('drivers').replaceChildren()
  renderQuestions()
  byId('engine').textContent = t('sidebar.engine', { engine: state.engine })
}

function currentMapping(): Mapping {
  const mapping: Mapping = {}
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-role]')) {
    if (select.value !== NONE) mapping[select.dataset.role as Role] = select.value
  }
  return mapping
}

function draft(): SettingsDraft {
  const tables = [...document.querySelectorAll<HTMLInputElement>('#tables input:checked')].map(
    (input) => input.value as TableId,
  )
  const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value
  return {
    sheet: value('sheet'),
    mapping: currentMapping(),
    questions: questions.map((q) => ({ ...q })),
    scale: { min: value('scaleMin'), max: value('scaleMax') },
    locale: value('locale') as SettingsDraft['locale'],
    minBase: value('minBase'),
    order: value('order') as SettingsDraft['order'],
    tables,
    significance: { level: value('level'), correction: value('correction') },
    driversExclude: driversExcluded(),
    previousSheet: value('previousSheet'),
    marginsSheet: value('marginsSheet'),
    trim: { min: value('trimMin'), max: value('trimMax') },
    workerUrl: value('workerUrl'),
  }
}

function errorsOf(): SettingsErrors {
  const result = validateSettings(
    draft(),
    {
      sheets: state.sheets,
      headers: detection.headers,
      previousHeaders: previous?.headers,
      allowlist: state.allowlist,
    },
    t,
  )
  return result.ok ? {} : result.errors
}

/** Shows the errors of the given fields (all when none given); true when there are none. */
function show(errors: SettingsErrors, only?: SettingsField): boolean {
  for (const slot of document.querySelectorAll<HTMLElement>('[data-error]')) {
    const field = slot.dataset.error as SettingsField
    if (only !== undefined && field !== only) continue
    slot.textContent = errors[field] ?? ''
    const input = slot.dataset.for
      ? byId(slot.dataset.for)
      : slot.parentElement?.querySelector('input,select')
    input?.classList.toggle('invalid', Boolean(errors[field]))
  }
  return Object.keys(errors).length === 0
}

function check(field: SettingsField) {
  show(errorsOf(), field)
  status('')
}

function status(text: string, kind: 'ok' | 'error' | '' = '') {
  const node = byId('status')
  node.textContent = text
  node.className = kind
}

async function save(event: Event) {
  event.preventDefault()
  if (!show(errorsOf())) {
    status(t('sidebar.fix'), 'error')
    return
  }
  const button = byId<HTMLButtonElement>('save')
  button.disabled = true
  status(t('sidebar.saving'))
  try {
    const result = await server('sidebarSave', draft())
    if (result.ok) {
      state = { ...state, settings: result.settings, saved: true }
      status(t('sidebar.saved'), 'ok')
    } else {
      show(result.errors)
      status(t('sidebar.notSaved'), 'error')
    }
  } catch (error) {
    status(t('sidebar.notSavedError', { error: (error as Error).message }), 'error')
  } finally {
    button.disabled = false
  }
}

async function changeSheet() {
  const name = byId<HTMLSelectElement>('sheet').value
  status(t('sidebar.readingHeader'))
  try {
    detection = await server('sidebarDetect', name)
    renderMapping(detection.detected)
    // The questions named the other sheet's columns.
    questions = []
    renderQuestions()
    status('')
  } catch (error) {
    status(t('sidebar.couldNotRead', { sheet: name, error: (error as Error).message }), 'error')
  }
}

/** Reads the previous wave's header row, so that its missing columns are said before saving. */
async function changePrevious() {
  const name = byId<HTMLSelectElement>('previousSheet').value
  previous = null
  if (name !== NONE) {
    status(t('sidebar.readingHeader'))
    try {
      previous = await server('sidebarDetect', name)
      status('')
    } catch (error) {
      status(t('sidebar.couldNotRead', { sheet: name, error: (error as Error).message }), 'error')
    }
  }
  check('previousSheet')
  check('marginsSheet')
}

async function start() {
  translateStatic()
  try {
    state = await server('sidebarLoad')
    detection = state.detection
    previous = state.previous
    locale = state.locale
    t = translator(locale)
    translateStatic()
    render()
    byId('form').hidden = false
    byId('loading').hidden = true
  } catch (error) {
    byId('loading').textContent = t('sidebar.loadFailed', { error: (error as Error).message })
  }
  byId('sheet').addEventListener('change', changeSheet)
  byId('previousSheet').addEventListener('change', changePrevious)
  byId('marginsSheet').addEventListener('change', () => check('marginsSheet'))
  byId('addQuestion').addEventListener('click', addQuestion)
  for (const id of ['scaleMin', 'scaleMax'])
    byId(id).addEventListener('change', () => check('scale'))
  byId('trimMin').addEventListener('input', () => check('trim.min'))
  byId('trimMax').addEventListener('input', () => check('trim.max'))
  byId('minBase').addEventListener('input', () => check('minBase'))
  byId('workerUrl').addEventListener('input', () => check('workerUrl'))
  byId('form').addEventListener('submit', save)
}

start()
