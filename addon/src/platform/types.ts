/**
 * @module The one interface between the add-on and Apps Script. Regeneration, settings, the
 * examples sheet and About are plain TypeScript over it; `apps-script.ts` implements it with
 * SpreadsheetApp, UrlFetchApp, PropertiesService, LockService, ScriptApp, HtmlService,
 * CacheService, Utilities and Session, and handles what real Apps Script does that a fake
 * would forget (a null token or lock, the 9 KB property value, the 250-character cache key).
 */
import type { Cell, Locale } from '../../../engine/index'
import type { SheetModel } from '../../../sheets/index'

/** A sheet as the add-on refers to it: its id never changes, its name may. */
export interface SheetInfo {
  id: number
  name: string
}

/** A sheet that carries a developer-metadata mark, with the mark's value. */
export interface MarkedSheet extends SheetInfo {
  value: string
}

/** The examples sheet: a heading, then one row per example (label, formula text, formula). */
export interface ExamplesSheet {
  heading: string
  /** An empty label with an empty formula is a spacer row (room for a spilled table). */
  rows: { label: string; formula: string }[]
}

/** The active spreadsheet. Every method is a bounded number of Apps Script calls. */
export interface Workbook {
  sheets(): SheetInfo[]
  activeSheet(): SheetInfo | null
  /** Every value of the sheet's data range, in one read. */
  values(sheet: number): Cell[][]
  /** Row 1 as displayed, trimmed; [] for an empty sheet. */
  headerRow(sheet: number): string[]
  /** Column `column` (1-based) from row 2 down, as displayed; [] when there are no such rows. */
  columnBelowHeader(sheet: number, column: number): string[]
  /** Sheets carrying a developer-metadata mark with this key (sheet-level), each once. */
  marked(key: string): MarkedSheet[]
  /** A new empty sheet at the end. */
  insertSheet(name: string): SheetInfo
  /** Fills a new sheet with a report sheet of the model, marks included. */
  writeReportSheet(sheet: number, model: SheetModel): void
  /** Fills a new sheet with the examples and marks it with `key`. */
  writeExamplesSheet(sheet: number, content: ExamplesSheet, key: string): void
  deleteSheet(sheet: number): void
  renameSheet(sheet: number, name: string): void
  activate(sheet: number): void
  /** Progress: `seconds` -1 keeps it up until the next toast. */
  toast(message: string, seconds: number): void
  /** The spreadsheet's locale (File › Settings), e.g. "ru_RU"; null when it cannot be read. */
  locale(): string | null
}

export interface HttpRequest {
  url: string
  method: 'get' | 'post'
  headers?: Record<string, string>
  /** JSON text, sent as UTF-8. */
  json?: string
  /** Bytes sent as they are, with their media type (the binary survey body). */
  binary?: { bytes: Uint8Array; contentType: string }
}

export interface HttpResponse {
  status: number
  /** The body read as UTF-8. */
  text: string
}

export interface Http {
  /** Every request in flight at once; answers in order. Throws when any gets no answer. */
  fetchAll(requests: readonly HttpRequest[]): HttpResponse[]
}

/** Document properties: values of any length (the real store caps one value at 9 KB). */
export interface DocumentStore {
  get(key: string): string | null
  set(key: string, value: string): void
}

/** The document's cache: keys of any length (the real cache caps a key at 250 characters). */
export interface DocumentCache {
  get(key: string): string | null
  put(key: string, value: string, seconds: number): void
}

export interface Ui {
  alert(title: string, message: string): void
  /** Menu items as [caption, function name]; null is a separator. */
  addonMenu(items: readonly ([caption: string, functionName: string] | null)[]): void
  /** The settings sidebar (Sidebar.html), its page in `locale`. */
  showSidebar(title: string, locale: Locale): void
}

/** A held lock; `release` never throws. */
export interface HeldLock {
  release(): void
}

export interface Platform {
  workbook: Workbook
  ui: Ui
  store: DocumentStore
  cache: DocumentCache
  http: Http
  /** The user's Google ID token, or null when Apps Script gives none. */
  identityToken(): string | null
  /** A lock for this document, or null when another run holds it after `waitMs`. */
  lock(waitMs: number): HeldLock | null
  uuid(): string
  sleep(milliseconds: number): void
  /** The user's language (Session), e.g. "kk"; null when it cannot be read. */
  userLocale(): string | null
  /** Logged for the script's owner (Stackdriver); never shown. */
  log(message: string): void
}
