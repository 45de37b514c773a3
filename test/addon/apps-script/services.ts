/// <reference types="google-apps-script" />
/**
 * @module The other Apps Script services the add-on uses: properties, HTML, script, utilities,
 * cache and lock. Each implements the methods it has of its `@types/google-apps-script` interface.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type CallLog, tracked } from './calls'

const as = <T>(standIn: unknown): T => standIn as T

export class FakeProperties
  implements
    Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty' | 'getProperties'>
{
  readonly values = new Map<string, string>()

  getProperty(key: string) {
    return this.values.get(key) ?? null
  }

  setProperty(key: string, value: string) {
    this.values.set(key, String(value))
    return as<GoogleAppsScript.Properties.Properties>(this)
  }

  getProperties() {
    return Object.fromEntries(this.values)
  }
}

export class FakePropertiesService
  implements Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties'>
{
  readonly document = new FakeProperties()

  constructor(private readonly log: CallLog) {}

  getDocumentProperties() {
    return as<GoogleAppsScript.Properties.Properties>(
      tracked(this.document, 'Properties', this.log),
    )
  }
}

export class FakeHtmlOutput
  implements Pick<GoogleAppsScript.HTML.HtmlOutput, 'setTitle' | 'getTitle' | 'getContent'>
{
  private title = ''

  constructor(private readonly content: string) {}

  setTitle(title: string) {
    this.title = title
    return as<GoogleAppsScript.HTML.HtmlOutput>(this)
  }

  getTitle() {
    return this.title
  }

  getContent() {
    return this.content
  }
}

/** Serves the files of the built add-on, as Apps Script serves the project's HTML files. */
export class FakeHtmlService
  implements Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutputFromFile'>
{
  constructor(private readonly dist: string) {}

  createHtmlOutputFromFile(filename: string) {
    return as<GoogleAppsScript.HTML.HtmlOutput>(
      new FakeHtmlOutput(readFileSync(`${this.dist}/${filename}.html`, 'utf8')),
    )
  }
}

export class FakeScriptApp implements Pick<GoogleAppsScript.Script.ScriptApp, 'getIdentityToken'> {
  /** The token the next calls return; tests swap it for expired or foreign ones. */
  constructor(public identityToken: string) {}

  getIdentityToken() {
    return this.identityToken
  }
}

export class FakeUtilities
  implements Pick<GoogleAppsScript.Utilities.Utilities, 'getUuid' | 'sleep'>
{
  getUuid() {
    return randomUUID()
  }

  sleep(_milliseconds: number) {
    // Nothing waits in the tests.
  }
}

export class FakeCache implements Pick<GoogleAppsScript.Cache.Cache, 'get' | 'put'> {
  readonly entries = new Map<string, string>()

  get(key: string) {
    return this.entries.get(key) ?? null
  }

  put(key: string, value: string, _expirationInSeconds?: number) {
    if (key.length > 250) throw new Error('Cache key too long')
    this.entries.set(key, value)
  }
}

export class FakeCacheService
  implements Pick<GoogleAppsScript.Cache.CacheService, 'getDocumentCache'>
{
  readonly document = new FakeCache()

  constructor(private readonly log: CallLog) {}

  getDocumentCache() {
    return as<GoogleAppsScript.Cache.Cache>(tracked(this.document, 'Cache', this.log))
  }
}

export class FakeLock
  implements Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock' | 'hasLock'>
{
  held = false
  /** Another execution holds the lock: tryLock fails. */
  busy = false

  tryLock(_timeoutInMillis: number) {
    if (this.busy) return false
    this.held = true
    return true
  }

  releaseLock() {
    this.held = false
  }

  hasLock() {
    return this.held
  }
}

export class FakeLockService implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'> {
  readonly lock = new FakeLock()

  constructor(private readonly log: CallLog) {}

  getDocumentLock() {
    return as<GoogleAppsScript.Lock.Lock>(tracked(this.lock, 'Lock', this.log))
  }
}
