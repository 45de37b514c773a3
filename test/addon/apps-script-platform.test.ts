/**
 * The Platform's Apps Script implementation (addon/src/platform/apps-script.ts) over the
 * stand-ins, for each thing real Apps Script does that a fake would forget: a null identity
 * token, a null document lock, an empty sheet, the 9 kB property value, the 250-character cache
 * key, bodies in explicit UTF-8 both ways, and binary bodies as Java's signed bytes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { appsScriptPlatform, javaBytes } from '../../addon/src/platform/apps-script'
import { insertExamples } from '../../addon/src/server/examples'
import { savedSettings, storeSettings } from '../../addon/src/server/settings-store'
import { DEFAULT_SETTINGS } from '../../addon/src/shared/settings'
import { ROLES } from '../../engine/index'
import { BINARY_CONTENT_TYPE, encodeBinaryBody } from '../../protocol/index'
import { CallLog, tracked } from './apps-script/calls'
import { createRealm } from './apps-script/realm'
import {
  FakeCacheService,
  FakeHtmlService,
  FakeLockService,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  FakeUtilities,
  PROPERTY_VALUE_LIMIT,
} from './apps-script/services'
import { FakeSpreadsheet, FakeSpreadsheetApp } from './apps-script/spreadsheet'
import { SyncHttp } from './apps-script/sync-http'
import { FakeUi } from './apps-script/ui'
import { FakeUrlFetchApp } from './apps-script/url-fetch'
import { startTestGoogle, type TestGoogle } from './support/google'

let http: SyncHttp
let servers: TestGoogle
const global = globalThis as Record<string, unknown>
const NAMES = [
  'SpreadsheetApp',
  'UrlFetchApp',
  'PropertiesService',
  'HtmlService',
  'ScriptApp',
  'Utilities',
  'CacheService',
  'LockService',
  'Session',
]

beforeAll(async () => {
  http = new SyncHttp()
  servers = await startTestGoogle()
})

afterAll(async () => {
  await Promise.all([http?.stop(), servers?.stop()])
})

afterEach(() => {
  for (const name of NAMES) delete global[name]
})

/** Apps Script's globals as the stand-ins, and the platform over them. */
function appsScript() {
  const log = new CallLog()
  const realm = createRealm({})
  const env = { log, realm: () => realm }
  const spreadsheet = new FakeSpreadsheet(env)
  const ui = new FakeUi()
  const stand = {
    spreadsheet,
    ui,
    urlFetch: new FakeUrlFetchApp(http),
    properties: new FakePropertiesService(log),
    script: new FakeScriptApp('a.b.c'),
    utilities: new FakeUtilities(),
    cache: new FakeCacheService(log),
    lock: new FakeLockService(log),
    session: new FakeSession('ru'),
  }
  Object.assign(global, {
    SpreadsheetApp: tracked(new FakeSpreadsheetApp(env, spreadsheet, ui), 'SpreadsheetApp', log),
    UrlFetchApp: stand.urlFetch,
    PropertiesService: stand.properties,
    HtmlService: new FakeHtmlService('/nonexistent'),
    ScriptApp: stand.script,
    Utilities: stand.utilities,
    CacheService: stand.cache,
    LockService: stand.lock,
    Session: stand.session,
  })
  return { ...stand, platform: appsScriptPlatform(), log }
}

describe('ScriptApp.getIdentityToken()', () => {
  it('null or empty is null, never the text "null"', () => {
    const { platform, script } = appsScript()
    expect(platform.identityToken()).toBe('a.b.c')
    script.identityToken = null
    expect(platform.identityToken()).toBeNull()
    script.identityToken = ''
    expect(platform.identityToken()).toBeNull()
  })
})

describe('LockService.getDocumentLock()', () => {
  it('the document lock when there is one; null from lock() when another run holds it', () => {
    const { platform, lock } = appsScript()
    const held = platform.lock(10)
    expect(lock.lock.held).toBe(true)
    held?.release()
    expect(lock.lock.held).toBe(false)
    lock.lock.busy = true
    expect(platform.lock(10)).toBeNull()
  })

  it('null (documented outside a document): the user lock instead, or none at all', () => {
    const { platform, lock } = appsScript()
    lock.documentLock = false
    const held = platform.lock(10)
    expect(lock.userLock.held).toBe(true)
    held?.release()
    expect(lock.userLock.held).toBe(false)
    lock.userLockGiven = false
    const none = platform.lock(10)
    expect(none).not.toBeNull()
    expect(() => none?.release()).not.toThrow()
  })
})

describe('An empty sheet', () => {
  it('has no header row (getRange(1, 1, 1, 0) throws), and the examples say what to do', () => {
    const { platform, spreadsheet, ui } = appsScript()
    const sheet = spreadsheet.fakeAddSheet('Empty')
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(/at least 1/)
    expect(platform.workbook.headerRow(sheet.id)).toEqual([])
    expect(platform.workbook.columnBelowHeader(sheet.id, 1)).toEqual([])
    insertExamples({ platform, allowlist: [] })
    expect(ui.dialogs).toEqual([
      {
        title: 'Жалпы баға жоқ',
        message: 'Жалпы баға бағанын Sapa › Баптаулар бөлімінде таңдаңыз.',
      },
    ])
  })
})

describe('Document properties', () => {
  it('settings of 20 long Google Forms headers (over 9 kB) are kept in parts, and read back', () => {
    const { platform, properties } = appsScript()
    const question = (i: number) =>
      `${i}. Мемлекеттік қызметті алу кезінде сізге көрсетілген қызметтің сапасын қалай бағалайсыз? `.repeat(
        4,
      )
    const mapping = Object.fromEntries(ROLES.map((role, i) => [role, question(i)]))
    const settings = {
      ...DEFAULT_SETTINGS,
      sheet: 'Form Responses 1',
      mapping,
      workerUrl: 'https://w.example',
    }
    expect(Buffer.byteLength(JSON.stringify(settings))).toBeGreaterThan(PROPERTY_VALUE_LIMIT)
    storeSettings(platform.store, settings)
    const stored = [...properties.document.values]
    expect(stored.length).toBeGreaterThanOrEqual(3)
    for (const [, value] of stored)
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(PROPERTY_VALUE_LIMIT)
    expect(savedSettings(platform.store)).toEqual(settings)
    // Short again: one value, the parts gone.
    storeSettings(platform.store, { ...settings, mapping: {} })
    expect([...properties.document.values.keys()]).toEqual(['sapa.settings'])
    expect(savedSettings(platform.store)?.mapping).toEqual({})
  })
})

describe('The document cache', () => {
  it('a key over 250 characters (About with a long Worker URL) is hashed, not refused', () => {
    const { platform, cache } = appsScript()
    const long = `sapa.health.https://${'w'.repeat(300)}.example`
    platform.cache.put(long, '0.1.0', 60)
    expect(platform.cache.get(long)).toBe('0.1.0')
    const [key] = cache.document.entries.keys()
    expect(key.length).toBeLessThanOrEqual(250)
    expect(key).toMatch(/^sapa\.sha256\.[A-Za-z0-9+/]{43}=$/)
    platform.cache.put('short', 'x', 60)
    expect(cache.document.entries.get('short')).toBe('x')
  })
})

describe('HTTP bodies in explicit UTF-8', () => {
  it('a JSON payload is sent as UTF-8 bytes and the reply read as UTF-8', () => {
    const { platform, urlFetch } = appsScript()
    const json = JSON.stringify({ label: 'Қызметке жалпы баға — «5»' })
    const [response] = platform.http.fetchAll([
      { url: `${servers.url}/echo`, method: 'post', json, headers: { Authorization: 'Bearer t' } },
    ])
    expect(response.status).toBe(200)
    const echoed = JSON.parse(response.text)
    expect(echoed.contentType).toBe('application/json; charset=utf-8')
    expect(echoed.bodyHex).toBe(Buffer.from(json, 'utf8').toString('hex'))
    expect(echoed.text).toBe(json)
    // The reply read without a charset would not be the same text.
    expect(urlFetch.exchanges[0].headers.Authorization).toBe('Bearer t')
    expect(response.text).toContain('Қызметке')
  })

  it('a binary payload goes as Java’s signed bytes in a Blob of its media type, byte for byte', () => {
    const { platform, urlFetch } = appsScript()
    // Every byte value, and a binary survey body: its 0xff codes (-1, blank) are -1 in Java.
    const every = Uint8Array.from({ length: 256 }, (_, i) => i)
    const survey = encodeBinaryBody({
      header: ['Қызмет'],
      columns: [{ dict: ['A'], codes: [0, -1] }],
    })
    for (const bytes of [every, survey, survey.subarray(4)]) {
      const [response] = platform.http.fetchAll([
        {
          url: `${servers.url}/echo`,
          method: 'post',
          binary: { bytes, contentType: BINARY_CONTENT_TYPE },
        },
      ])
      const echoed = JSON.parse(response.text)
      expect(echoed.contentType).toBe(BINARY_CONTENT_TYPE)
      expect(echoed.bodyHex).toBe(Buffer.from(bytes).toString('hex'))
    }
    expect(urlFetch.exchanges.map((e) => e.headers['Content-Type'])).toEqual(
      Array(3).fill(BINARY_CONTENT_TYPE),
    )
    expect(javaBytes(Uint8Array.of(0, 127, 128, 255))).toEqual([0, 127, -128, -1])
  })

  it('several requests go out in one fetchAll', () => {
    const { platform, log } = appsScript()
    const url = `${servers.url}/echo`
    const answers = platform.http.fetchAll([
      { url, method: 'post', json: '"a"' },
      { url, method: 'post', json: '"ә"' },
    ])
    expect(answers.map((a) => JSON.parse(a.text).text)).toEqual(['"a"', '"ә"'])
    expect(log.calls.filter((c) => c.startsWith('UrlFetchApp'))).toEqual([])
  })
})

describe('The spreadsheet and user locales', () => {
  it('are read from getSpreadsheetLocale and Session.getActiveUserLocale', () => {
    const { platform, spreadsheet } = appsScript()
    spreadsheet.locale = 'ru_RU'
    expect(platform.workbook.locale()).toBe('ru_RU')
    expect(platform.userLocale()).toBe('ru')
  })
})
