/**
 * @module A small in-memory Platform for the add-on's plain TypeScript (regeneration, settings,
 * examples, About), with a fault injected at the n-th call of any method. HTTP is real: a
 * synchronous call to the Worker under `wrangler dev`, the deployed Worker's https URL routed
 * to it, as UrlFetchApp would reach the real one.
 */

import type {
  ExamplesSheet,
  HttpRequest,
  HttpResponse,
  MarkedSheet,
  Platform,
  SheetInfo,
} from '../../../addon/src/platform/types'
import type { App } from '../../../addon/src/server/app'
import type { Cell, Locale } from '../../../engine/index'
import type { SheetModel } from '../../../sheets/index'
import type { SyncHttp } from '../apps-script/sync-http'

export interface FakeSheet {
  id: number
  name: string
  values: Cell[][]
  marks: { key: string; value: string }[]
  /** What the add-on wrote: a report sheet's model, or the examples. */
  model?: SheetModel
  examples?: ExamplesSheet
}

export interface Dialog {
  title: string
  message: string
}

/** One HTTP exchange as the Worker saw it. */
export interface Exchange {
  url: string
  method: string
  headers: Record<string, string>
  /** A JSON body's text. */
  body?: string
  /** A binary body's bytes. */
  bytes?: Uint8Array
  status?: number
  response?: string
}

export interface FakeOptions {
  http: SyncHttp
  /** The Worker's https URL as the analyst types it → where it really runs. */
  routes?: Record<string, string>
  token?: string | null
  locale?: string | null
  userLocale?: string | null
  allowlist?: readonly string[]
}

export class FakePlatform {
  readonly sheets: FakeSheet[] = []
  readonly dialogs: Dialog[] = []
  readonly toasts: string[] = []
  readonly menus: ([string, string] | null)[][] = []
  readonly sidebars: { title: string; locale: Locale }[] = []
  readonly store = new Map<string, string>()
  readonly cache = new Map<string, string>()
  readonly exchanges: Exchange[] = []
  /** Calls per "area.method", and the faults to throw. */
  readonly calls: string[] = []
  private faults: { call: string; nth: number; message: string }[] = []
  /** Statuses answered before the Worker is asked (a proxy's 503, say), per URL path suffix. */
  readonly proxyAnswers: { path: string; status: number }[] = []
  token: string | null
  locale: string | null
  userLocale: string | null
  lockBusy = false
  lockHeld = false
  active: number | null = null
  sleeps: number[] = []
  private nextId = 1

  constructor(readonly options: FakeOptions) {
    this.token = options.token === undefined ? 'token' : options.token
    this.locale = options.locale ?? 'kk_KZ'
    this.userLocale = options.userLocale ?? null
  }

  app(): App {
    return { platform: this.platform(), allowlist: this.options.allowlist ?? [] }
  }

  /** A user's own sheet. */
  addSheet(name: string, values: Cell[][] = [], marks: FakeSheet['marks'] = []): FakeSheet {
    const sheet = { id: this.nextId++, name, values, marks }
    this.sheets.push(sheet)
    this.active ??= sheet.id
    return sheet
  }

  named(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name)
  }

  failOn(call: string, nth: number, message = `${call} failed`) {
    this.faults.push({ call, nth, message })
  }

  resetCalls() {
    this.calls.length = 0
    this.faults = []
  }

  count(call: string): number {
    return this.calls.filter((c) => c === call).length
  }

  private record(call: string) {
    this.calls.push(call)
    const n = this.count(call)
    const fault = this.faults.find((f) => f.call === call && f.nth === n)
    if (fault) throw new Error(fault.message)
  }

  private sheet(id: number): FakeSheet {
    const sheet = this.sheets.find((s) => s.id === id)
    if (!sheet) throw new Error(`There is no sheet with id ${id} any more`)
    return sheet
  }

  private checkName(name: string, except?: FakeSheet) {
    if (this.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A sheet with the name "${name}" already exists.`)
    }
  }

  platform(): Platform {
    const info = (s: FakeSheet): SheetInfo => ({ id: s.id, name: s.name })
    const rec = <T>(call: string, run: () => T): T => {
      this.record(call)
      return run()
    }
    return {
      workbook: {
        sheets: () => rec('workbook.sheets', () => this.sheets.map(info)),
        activeSheet: () =>
          rec('workbook.activeSheet', () => {
            const s = this.sheets.find((x) => x.id === this.active)
            return s ? info(s) : null
          }),
        values: (id) => rec('workbook.values', () => this.sheet(id).values.map((row) => [...row])),
        headerRow: (id) =>
          rec('workbook.headerRow', () =>
            (this.sheet(id).values[0] ?? []).map((v) => String(v ?? '').trim()),
          ),
        columnBelowHeader: (id, column) =>
          rec('workbook.columnBelowHeader', () =>
            this.sheet(id)
              .values.slice(1)
              .map((row) => String(row[column - 1] ?? '')),
          ),
        marked: (key) =>
          rec('workbook.marked', () =>
            this.sheets.flatMap((s): MarkedSheet[] => {
              const mark = s.marks.find((m) => m.key === key)
              return mark ? [{ ...info(s), value: mark.value }] : []
            }),
          ),
        insertSheet: (name) =>
          rec('workbook.insertSheet', () => {
            this.checkName(name)
            const sheet = { id: this.nextId++, name, values: [], marks: [] }
            this.sheets.push(sheet)
            return info(sheet)
          }),
        writeReportSheet: (id, model) =>
          rec('workbook.writeReportSheet', () => {
            const sheet = this.sheet(id)
            sheet.marks.push(...model.metadata)
            sheet.model = model
            sheet.values = model.values.map((row) => row.map((v) => v ?? ''))
          }),
        writeExamplesSheet: (id, content, key) =>
          rec('workbook.writeExamplesSheet', () => {
            const sheet = this.sheet(id)
            sheet.marks.push({ key, value: '1' })
            sheet.examples = content
          }),
        deleteSheet: (id) =>
          rec('workbook.deleteSheet', () => {
            const sheet = this.sheet(id)
            if (this.sheets.length === 1) throw new Error("You can't remove all the sheets.")
            this.sheets.splice(this.sheets.indexOf(sheet), 1)
          }),
        renameSheet: (id, name) =>
          rec('workbook.renameSheet', () => {
            const sheet = this.sheet(id)
            this.checkName(name, sheet)
            sheet.name = name
          }),
        activate: (id) =>
          rec('workbook.activate', () => {
            this.active = this.sheet(id).id
          }),
        toast: (message) => rec('workbook.toast', () => void this.toasts.push(message)),
        locale: () => rec('workbook.locale', () => this.locale),
      },
      ui: {
        alert: (title, message) =>
          rec('ui.alert', () => void this.dialogs.push({ title, message })),
        addonMenu: (items) => rec('ui.addonMenu', () => void this.menus.push([...items])),
        showSidebar: (title, locale) =>
          rec('ui.showSidebar', () => void this.sidebars.push({ title, locale })),
      },
      store: {
        get: (key) => rec('store.get', () => this.store.get(key) ?? null),
        set: (key, value) => rec('store.set', () => void this.store.set(key, value)),
      },
      cache: {
        get: (key) => rec('cache.get', () => this.cache.get(key) ?? null),
        put: (key, value) => rec('cache.put', () => void this.cache.set(key, value)),
      },
      http: { fetchAll: (requests) => rec('http.fetchAll', () => this.fetchAll(requests)) },
      identityToken: () => rec('identityToken', () => this.token),
      lock: () =>
        rec('lock', () => {
          if (this.lockBusy) return null
          this.lockHeld = true
          return {
            release: () => {
              this.lockHeld = false
            },
          }
        }),
      uuid: () => rec('uuid', () => 'run00001-0000-0000-0000-000000000000'),
      sleep: (ms) => rec('sleep', () => void this.sleeps.push(ms)),
      userLocale: () => rec('userLocale', () => this.userLocale),
      log: () => {},
    }
  }

  /** Timeout of one request, as Apps Script gives up after a while; tests shorten it. */
  timeoutMs = 60_000

  private route(url: string): string {
    for (const [from, to] of Object.entries(this.options.routes ?? {})) {
      if (url.startsWith(from)) return to + url.slice(from.length)
    }
    return url
  }

  private fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
    const exchanges: Exchange[] = requests.map((r) => ({
      url: r.url,
      method: r.method.toUpperCase(),
      headers: {
        ...(r.headers ?? {}),
        ...(r.json === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
        ...(r.binary === undefined ? {} : { 'Content-Type': r.binary.contentType }),
      },
      body: r.json,
      bytes: r.binary?.bytes,
    }))
    this.exchanges.push(...exchanges)
    const proxied = exchanges.map((e) => {
      const at = this.proxyAnswers.findIndex((a) => e.url.endsWith(a.path))
      if (at < 0) return null
      const [answer] = this.proxyAnswers.splice(at, 1)
      return answer.status
    })
    const toSend = exchanges.filter((_, i) => proxied[i] === null)
    const answers = this.options.http.requestAll(
      toSend.map((e) => ({
        url: this.route(e.url),
        method: e.method,
        headers: e.headers,
        body: e.body,
        bodyBase64: e.bytes && Buffer.from(e.bytes).toString('base64'),
        timeoutMs: this.timeoutMs,
      })),
    )
    let next = 0
    return exchanges.map((exchange, i) => {
      const status = proxied[i]
      if (status !== null) {
        exchange.status = status
        exchange.response = '<html>proxy</html>'
        return { status, text: exchange.response }
      }
      const answer = answers[next++]
      if ('error' in answer) {
        throw new Error(
          answer.error === 'timeout'
            ? `Timeout: ${exchange.url}`
            : `Address unavailable: ${exchange.url}`,
        )
      }
      exchange.status = answer.status
      exchange.response = answer.body
      return { status: answer.status, text: answer.body }
    })
  }
}
