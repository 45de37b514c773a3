/// <reference types="google-apps-script" />
/**
 * @module The Platform of real Apps Script. What real Apps Script does and a fake would forget is
 * handled here, each with its test (test/addon/apps-script-platform.test.ts): a null identity
 * token or document lock, an empty sheet, property values over 9 KB, cache keys over 250
 * characters, request and reply bodies in explicit UTF-8, binary bodies as Java's signed bytes.
 */
import type { Cell, Locale } from '../../../engine/index'
import type { SheetModel } from '../../../sheets/index'
import { fillExamples, fillSheet } from './sheet-writer'
import type { HeldLock, HttpRequest, MarkedSheet, Platform, SheetInfo, Workbook } from './types'
import { splitUtf8, utf8Length } from './utf8'

/** Properties: "9kB / val" (Apps Script quotas); keys count too, so parts stay well under. */
export const PROPERTY_VALUE_BYTES = 8_000
/** CacheService: a key is at most 250 characters. */
export const CACHE_KEY_CHARACTERS = 250
const JSON_UTF8 = 'application/json; charset=utf-8'

type Sheet = GoogleAppsScript.Spreadsheet.Sheet

export function appsScriptPlatform(): Platform {
  return {
    workbook: workbook(),
    ui: {
      alert(title, message) {
        const ui = SpreadsheetApp.getUi()
        ui.alert(title, message, ui.ButtonSet.OK)
      },
      addonMenu(items) {
        let menu = SpreadsheetApp.getUi().createAddonMenu()
        for (const item of items) {
          menu = item ? menu.addItem(item[0], item[1]) : menu.addSeparator()
        }
        menu.addToUi()
      },
      showSidebar(title, locale) {
        SpreadsheetApp.getUi().showSidebar(sidebarPage(title, locale))
      },
    },
    store: documentStore(),
    cache: documentCache(),
    http: {
      fetchAll(requests) {
        const params = requests.map(fetchParams)
        const responses =
          params.length === 1
            ? [UrlFetchApp.fetch(params[0].url, params[0])]
            : UrlFetchApp.fetchAll(params)
        // The Worker answers UTF-8; Apps Script's default charset for a reply is not documented.
        return responses.map((response) => ({
          status: response.getResponseCode(),
          text: response.getContentText('UTF-8'),
        }))
      },
    },
    identityToken() {
      // Documented to return null when no token is available (no openid scope, say).
      const token = ScriptApp.getIdentityToken()
      return typeof token === 'string' && token !== '' ? token : null
    },
    lock: lockFor,
    uuid: () => Utilities.getUuid(),
    sleep: (milliseconds) => Utilities.sleep(milliseconds),
    userLocale() {
      try {
        return Session.getActiveUserLocale() || null
      } catch {
        return null
      }
    },
    log: (message) => console.warn(message),
  }
}

function workbook(): Workbook {
  const spreadsheet = () => SpreadsheetApp.getActiveSpreadsheet()
  // Sheets seen in this run, by id: looking one up again costs no call.
  const known = new Map<number, Sheet>()
  const info = (sheet: Sheet): SheetInfo => {
    const id = sheet.getSheetId()
    known.set(id, sheet)
    return { id, name: sheet.getName() }
  }
  const byId = (id: number): Sheet => {
    const sheet =
      known.get(id) ??
      spreadsheet()
        .getSheets()
        .find((s) => s.getSheetId() === id)
    if (!sheet) throw new Error(`There is no sheet with id ${id} any more`)
    return sheet
  }
  return {
    sheets: () => spreadsheet().getSheets().map(info),
    activeSheet() {
      const sheet = spreadsheet().getActiveSheet()
      return sheet ? info(sheet) : null
    },
    values: (id) => byId(id).getDataRange().getValues() as Cell[][],
    headerRow(id) {
      const sheet = byId(id)
      const columns = sheet.getLastColumn()
      // getRange(1, 1, 1, 0) throws: an empty sheet has no header row to read.
      if (columns < 1) return []
      return sheet
        .getRange(1, 1, 1, columns)
        .getDisplayValues()[0]
        .map((header) => header.trim())
    },
    columnBelowHeader(id, column) {
      const sheet = byId(id)
      const rows = sheet.getLastRow() - 1
      if (rows < 1 || column < 1) return []
      return sheet
        .getRange(2, column, rows, 1)
        .getDisplayValues()
        .map(([value]) => value)
    },
    marked(key) {
      const found = spreadsheet()
        .createDeveloperMetadataFinder()
        .withKey(key)
        .withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)
        .find()
      const sheets = new Map<number, MarkedSheet>()
      for (const metadata of found) {
        const sheet = metadata.getLocation().getSheet()
        if (sheet && !sheets.has(sheet.getSheetId())) {
          sheets.set(sheet.getSheetId(), { ...info(sheet), value: metadata.getValue() ?? '' })
        }
      }
      return [...sheets.values()]
    },
    insertSheet(name) {
      const book = spreadsheet()
      return info(book.insertSheet(name, book.getNumSheets()))
    },
    writeReportSheet: (id, model: SheetModel) => fillSheet(byId(id), model),
    writeExamplesSheet(id, content, key) {
      const sheet = byId(id)
      sheet.addDeveloperMetadata(key, '1', SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT)
      fillExamples(sheet, content)
    },
    deleteSheet(id) {
      spreadsheet().deleteSheet(byId(id))
      known.delete(id)
    },
    renameSheet(id, name) {
      byId(id).setName(name)
    },
    activate(id) {
      byId(id).activate()
    },
    toast: (message, seconds) => spreadsheet().toast(message, 'Sapa', seconds),
    locale() {
      try {
        return spreadsheet().getSpreadsheetLocale() || null
      } catch {
        return null
      }
    },
  }
}

/** The sidebar page with its language set on <html lang>, which the page's script reads. */
function sidebarPage(title: string, locale: Locale) {
  const page = HtmlService.createHtmlOutputFromFile('Sidebar').getContent()
  return HtmlService.createHtmlOutput(
    page.replace('<html lang="en">', `<html lang="${locale}">`),
  ).setTitle(title)
}

/**
 * A JSON or binary POST, or a GET; text in UTF-8 both ways, HTTP errors returned rather than
 * thrown.
 */
function fetchParams(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: request.url,
    method: request.method,
    headers: request.headers ?? {},
    muteHttpExceptions: true,
  }
  if (request.json !== undefined) {
    // A blob made from the string with the charset named: how Apps Script encodes a plain string
    // payload is not documented.
    params.contentType = JSON_UTF8
    params.payload = Utilities.newBlob('', JSON_UTF8).setDataFromString(request.json, 'UTF-8')
  } else if (request.binary !== undefined) {
    // A payload "can be a string, a byte array, a blob" (UrlFetchApp): a Blob of the bytes with
    // their media type, and the same type named as the request's contentType.
    const { bytes, contentType } = request.binary
    params.contentType = contentType
    params.payload = Utilities.newBlob(javaBytes(bytes), contentType)
  }
  return params
}

/**
 * Bytes as Apps Script's Byte[] holds them: Java bytes, signed (-128..127), in a plain array.
 * 0xff is -1 there, and 255 is not a byte.
 */
export function javaBytes(bytes: Uint8Array): number[] {
  return Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
}

/**
 * The document lock; `getDocumentLock` returns null outside a document (documented), and then
 * the user lock keeps the same person from running twice at once. Null when another run holds it.
 */
function lockFor(waitMs: number): HeldLock | null {
  const lock = LockService.getDocumentLock() ?? LockService.getUserLock()
  if (!lock) return { release() {} }
  if (!lock.tryLock(waitMs)) return null
  return {
    release() {
      try {
        lock.releaseLock()
      } catch (error) {
        console.warn(`Sapa could not release its lock: ${String(error)}`)
      }
    },
  }
}

/**
 * Document properties of any length: a value over PROPERTY_VALUE_BYTES is kept in parts
 * `key#0…key#n-1` with their count in `key#n`, written in one `setProperties`.
 */
function documentStore() {
  const properties = () => PropertiesService.getDocumentProperties()
  const partKey = (key: string, i: number | 'n') => `${key}#${i}`
  return {
    get(key: string): string | null {
      const all = properties().getProperties()
      if (typeof all[key] === 'string') return all[key]
      const count = Number(all[partKey(key, 'n')])
      if (!Number.isInteger(count) || count < 1) return null
      const parts: string[] = []
      for (let i = 0; i < count; i++) {
        const part = all[partKey(key, i)]
        if (typeof part !== 'string') return null
        parts.push(part)
      }
      return parts.join('')
    },
    set(key: string, value: string): void {
      const store = properties()
      const before = store.getProperties()
      const stale = (name: string) => name === key || name.startsWith(`${key}#`)
      let next: Record<string, string>
      if (utf8Length(value) <= PROPERTY_VALUE_BYTES) next = { [key]: value }
      else {
        const parts = splitUtf8(value, PROPERTY_VALUE_BYTES)
        next = { [partKey(key, 'n')]: String(parts.length) }
        parts.forEach((part, i) => {
          next[partKey(key, i)] = part
        })
      }
      store.setProperties(next, false)
      for (const name of Object.keys(before)) {
        if (stale(name) && !(name in next)) store.deleteProperty(name)
      }
    },
  }
}

/** The document cache; a key over 250 characters is replaced by its SHA-256, base64. */
function documentCache() {
  const keyOf = (key: string) => {
    if (key.length <= CACHE_KEY_CHARACTERS) return key
    const digest = Utilities.computeDigest(
      Utilities.DigestAlgorithm.SHA_256,
      key,
      Utilities.Charset.UTF_8,
    )
    return `sapa.sha256.${Utilities.base64Encode(digest)}`
  }
  return {
    get(key: string) {
      return CacheService.getDocumentCache()?.get(keyOf(key)) ?? null
    },
    put(key: string, value: string, seconds: number) {
      CacheService.getDocumentCache()?.put(keyOf(key), value, seconds)
    },
  }
}
