/// <reference types="google-apps-script" />
/**
 * @module The other Apps Script services the platform uses: properties, HTML, script, utilities,
 * cache, lock and session, each with the limits Google documents (a property value of 9 kB, a
 * cache key of 250 characters) and the nulls it may return (identity token, document lock).
 */
import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type CallLog, tracked } from './calls'

const as = <T>(standIn: unknown): T => standIn as T

/** "Properties value size: 9kB / val" (Apps Script quotas). */
export const PROPERTY_VALUE_LIMIT = 9 * 1024

export class FakeProperties
  implements
    Pick<
      GoogleAppsScript.Properties.Properties,
      'getProperty' | 'setProperty' | 'getProperties' | 'setProperties' | 'deleteProperty'
    >
{
  readonly values = new Map<string, string>()

  getProperty(key: string) {
    return this.values.get(key) ?? null
  }

  setProperty(key: string, value: string) {
    if (Buffer.byteLength(String(value)) > PROPERTY_VALUE_LIMIT) {
      throw new Error('Argument too large: value')
    }
    this.values.set(key, String(value))
    return as<GoogleAppsScript.Properties.Properties>(this)
  }

  getProperties() {
    return Object.fromEntries(this.values)
  }

  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean) {
    if (deleteAllOthers) this.values.clear()
    for (const [key, value] of Object.entries(properties)) this.setProperty(key, value)
    return as<GoogleAppsScript.Properties.Properties>(this)
  }

  deleteProperty(key: string) {
    this.values.delete(key)
    return as<GoogleAppsScript.Properties.Properties>(this)
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
  implements
    Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutputFromFile' | 'createHtmlOutput'>
{
  constructor(private readonly dist: string) {}

  createHtmlOutputFromFile(filename: string) {
    return as<GoogleAppsScript.HTML.HtmlOutput>(
      new FakeHtmlOutput(readFileSync(`${this.dist}/${filename}.html`, 'utf8')),
    )
  }

  createHtmlOutput(html?: unknown) {
    return as<GoogleAppsScript.HTML.HtmlOutput>(new FakeHtmlOutput(String(html ?? '')))
  }
}

export class FakeScriptApp implements Pick<GoogleAppsScript.Script.ScriptApp, 'getIdentityToken'> {
  /** The token the next calls return; null as Apps Script documents it may be. */
  constructor(public identityToken: string | null) {}

  getIdentityToken() {
    return this.identityToken as string
  }
}

/** A Blob of bytes: made from Java bytes, or from a string in a named charset. */
export class FakeBlob
  implements Pick<GoogleAppsScript.Base.Blob, 'setDataFromString' | 'getContentType'>
{
  constructor(
    private readonly contentType: string | null,
    private bytes = Buffer.alloc(0),
  ) {}

  setDataFromString(string: string, charset?: string) {
    if (!charset) throw new Error('stand-in: name the charset (its default is not documented)')
    this.bytes = Buffer.from(string, charset.toUpperCase() === 'UTF-8' ? 'utf8' : 'latin1')
    return as<GoogleAppsScript.Base.Blob>(this)
  }

  getContentType() {
    return this.contentType
  }

  fakeBuffer() {
    return this.bytes
  }
}

export class FakeUtilities
  implements
    Pick<
      GoogleAppsScript.Utilities.Utilities,
      | 'getUuid'
      | 'sleep'
      | 'newBlob'
      | 'computeDigest'
      | 'base64Encode'
      | 'DigestAlgorithm'
      | 'Charset'
    >
{
  DigestAlgorithm = as<typeof GoogleAppsScript.Utilities.DigestAlgorithm>({ SHA_256: 'SHA_256' })
  Charset = as<typeof GoogleAppsScript.Utilities.Charset>({ UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' })
  readonly sleeps: number[] = []

  getUuid() {
    return randomUUID()
  }

  sleep(milliseconds: number) {
    this.sleeps.push(milliseconds)
  }

  /**
   * `newBlob("", contentType)`, or `newBlob(bytes, contentType)` with Byte[] as Apps Script
   * holds it: Java's signed bytes, so a value outside -128..127 (an unsigned 255) is refused.
   */
  newBlob(...args: unknown[]) {
    const [data, contentType] = args as [unknown, string | undefined]
    if (Array.isArray(data)) {
      const bad = data.findIndex((b) => !(Number.isInteger(b) && b >= -128 && b <= 127))
      if (bad >= 0) {
        throw new Error(`stand-in: Byte[] holds Java bytes -128..127, not ${data[bad]} at ${bad}`)
      }
      const bytes = Buffer.from(Int8Array.from(data as number[]).buffer)
      return as<GoogleAppsScript.Base.Blob>(new FakeBlob(contentType ?? null, bytes))
    }
    if (data !== '') throw new Error('stand-in: newBlob("", contentType) or newBlob(Byte[], …)')
    return as<GoogleAppsScript.Base.Blob>(new FakeBlob(contentType ?? null))
  }

  /** Java's signed bytes, as Apps Script returns them. */
  computeDigest(...args: unknown[]) {
    const [algorithm, value, charset] = args as [string, string, string]
    if (algorithm !== 'SHA_256' || charset !== 'UTF_8') throw new Error('stand-in: SHA_256, UTF_8')
    return [...createHash('sha256').update(value, 'utf8').digest()].map((b) =>
      b > 127 ? b - 256 : b,
    )
  }

  base64Encode(...args: unknown[]) {
    const [data] = args as [number[]]
    return Buffer.from(data.map((b) => (b + 256) % 256)).toString('base64')
  }
}

export class FakeCache implements Pick<GoogleAppsScript.Cache.Cache, 'get' | 'put'> {
  readonly entries = new Map<string, string>()

  get(key: string) {
    if (key.length > 250) throw new Error('Argument too large: key')
    return this.entries.get(key) ?? null
  }

  put(key: string, value: string, _expirationInSeconds?: number) {
    if (key.length > 250) throw new Error('Argument too large: key')
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

export class FakeLockService
  implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getUserLock'>
{
  readonly lock = new FakeLock()
  readonly userLock = new FakeLock()
  /** Which locks Apps Script gives (it documents null for the document lock outside a document). */
  documentLock = true
  userLockGiven = true

  constructor(private readonly log: CallLog) {}

  getDocumentLock() {
    return as<GoogleAppsScript.Lock.Lock>(
      this.documentLock ? tracked(this.lock, 'Lock', this.log) : null,
    )
  }

  getUserLock() {
    return as<GoogleAppsScript.Lock.Lock>(
      this.userLockGiven ? tracked(this.userLock, 'Lock', this.log) : null,
    )
  }
}

export class FakeSession implements Pick<GoogleAppsScript.Base.Session, 'getActiveUserLocale'> {
  constructor(public locale: string) {}

  getActiveUserLocale() {
    return this.locale
  }
}
