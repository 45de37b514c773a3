/** @module The shipped Code.js loaded into its own realm with every Apps Script stand-in. */
import { readFileSync } from 'node:fs'
import { CallLog, tracked } from './calls'
import { createRealm, type Realm } from './realm'
import {
  FakeCacheService,
  FakeHtmlService,
  FakeLockService,
  FakePropertiesService,
  FakeScriptApp,
  FakeSession,
  FakeUtilities,
} from './services'
import { FakeSpreadsheet, FakeSpreadsheetApp } from './spreadsheet'
import type { SyncHttp } from './sync-http'
import { FakeUi } from './ui'
import { FakeUrlFetchApp } from './url-fetch'

export interface LoadedAddon {
  realm: Realm
  log: CallLog
  spreadsheet: FakeSpreadsheet
  ui: FakeUi
  urlFetch: FakeUrlFetchApp
  properties: FakePropertiesService
  script: FakeScriptApp
  lock: FakeLockService
  cache: FakeCacheService
  utilities: FakeUtilities
  session: FakeSession
  /** Calls a top-level function of Code.js, as Apps Script calls it by name. */
  call(name: string, ...args: unknown[]): unknown
}

export interface LoadOptions {
  dist: string
  http: SyncHttp
  identityToken?: string | null
  /** URL prefixes → where they really run (the deployed Worker's https URL → wrangler dev). */
  routes?: Record<string, string>
}

export function loadAddon({
  dist,
  http,
  identityToken = null,
  routes = {},
}: LoadOptions): LoadedAddon {
  const log = new CallLog()
  let realm: Realm | undefined
  const env = { log, realm: () => realm as Realm }
  const spreadsheet = new FakeSpreadsheet(env)
  const ui = new FakeUi()
  const urlFetch = new FakeUrlFetchApp(http)
  urlFetch.routes = routes
  const properties = new FakePropertiesService(log)
  const script = new FakeScriptApp(identityToken)
  const lock = new FakeLockService(log)
  const cache = new FakeCacheService(log)
  const utilities = new FakeUtilities()
  const session = new FakeSession('kk')
  realm = createRealm({
    SpreadsheetApp: tracked(new FakeSpreadsheetApp(env, spreadsheet, ui), 'SpreadsheetApp', log),
    UrlFetchApp: tracked(urlFetch, 'UrlFetchApp', log),
    PropertiesService: properties,
    HtmlService: new FakeHtmlService(dist),
    ScriptApp: tracked(script, 'ScriptApp', log),
    Utilities: utilities,
    CacheService: cache,
    LockService: lock,
    Session: session,
    console: { log() {}, warn() {}, error() {} },
  })
  realm.run(readFileSync(`${dist}/Code.js`, 'utf8'), 'Code.js')
  const context = realm.context as Record<string, unknown>
  return {
    realm,
    log,
    spreadsheet,
    ui,
    urlFetch,
    properties,
    script,
    lock,
    cache,
    utilities,
    session,
    call(name, ...args) {
      const fn = context[name]
      if (typeof fn !== 'function') throw new Error(`Code.js has no top-level function ${name}`)
      return fn(...(realm as Realm).copyIn(args))
    },
  }
}
