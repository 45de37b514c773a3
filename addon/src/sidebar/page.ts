/** @module The settings sidebar: a form over the saved settings, checked as the analyst types. */
import type { Locale, Mapping, Role, TableId } from '../../../engine/index'
import { localeOf, type MessageKey, type Translate, translator } from '../shared/messages'
import type { Detection, SidebarState } from '../shared/protocol'
import {
  type SettingsDraft,
  type SettingsErrors,
  type SettingsField,
  validateSettings,
} from '../shared/settings'
import { LOCALE_LABELS, orderLabel, roleLabel, tableLabel } from './labels'
import { server } from './run'

const NONE = ''

let state: SidebarState
let detection: Detection
/** The page's language: set on <html lang> by the server, then the state's. */
let locale: Locale = localeOf(document.documentElement.lang) ?? 'en'
let t: Translate = translator(locale)

/** Every element marked data-i18n gets its message. */
function translateStatic() {
  document.documentElement.lang = locale
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n as MessageKey)
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

function renderMapping(mapping: Mapping) {
  const box = byId<HTMLDivElement>('mapping')
  box.replaceChildren()
  const options: [string, string][] = [
    [NONE, t('sidebar.none')],
    ...detection.headers.map((h): [string, string] => [h, h]),
  ]
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
    select.addEventListener('change', () => check(`mapping.${role}`))
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

function render() {
  const { settings } = state
  fillSelect(
    byId('sheet'),
    state.sheets.map((s) => [s, s]),
    settings.sheet,
  )
  renderMapping(settings.mapping)
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
  byId('engine').textContent = t('sidebar.engine', { engine: state.engine })
}

function draft(): SettingsDraft {
  const mapping: Mapping = {}
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-role]')) {
    if (select.value !== NONE) mapping[select.dataset.role as Role] = select.value
  }
  const tables = [...document.querySelectorAll<HTMLInputElement>('#tables input:checked')].map(
    (input) => input.value as TableId,
  )
  return {
    sheet: byId<HTMLSelectElement>('sheet').value,
    mapping,
    locale: byId<HTMLSelectElement>('locale').value as SettingsDraft['locale'],
    minBase: byId<HTMLInputElement>('minBase').value,
    order: byId<HTMLSelectElement>('order').value as SettingsDraft['order'],
    tables,
    workerUrl: byId<HTMLInputElement>('workerUrl').value,
  }
}

function errorsOf(): SettingsErrors {
  const result = validateSettings(
    draft(),
    { sheets: state.sheets, headers: detection.headers, allowlist: state.allowlist },
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
    const input = slot.parentElement?.querySelector('input,select')
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
    status('')
  } catch (error) {
    status(t('sidebar.couldNotRead', { sheet: name, error: (error as Error).message }), 'error')
  }
}

async function start() {
  translateStatic()
  try {
    state = await server('sidebarLoad')
    detection = state.detection
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
  byId('minBase').addEventListener('input', () => check('minBase'))
  byId('workerUrl').addEventListener('input', () => check('workerUrl'))
  byId('form').addEventListener('submit', save)
}

start()
