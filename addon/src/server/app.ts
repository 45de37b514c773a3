/** @module What every server function is given: the platform and the build's Worker allowlist. */
import type { Locale } from '../../../engine/index'
import type { Platform } from '../platform/types'
import { chooseLocale, type Translate, translator } from '../shared/messages'
import { savedSettings } from './settings-store'

export interface App {
  platform: Platform
  /** The manifest's urlFetchWhitelist (empty when built without --worker-url). */
  allowlist: readonly string[]
}

/** The language the add-on speaks here: the report language saved, else the spreadsheet's. */
export function uiLocale({ platform }: App): Locale {
  let saved: Locale | undefined
  try {
    saved = savedSettings(platform.store)?.locale
  } catch {
    // Properties cannot be read (AuthMode.NONE): fall back on the locales.
  }
  return chooseLocale(saved, platform.workbook.locale(), platform.userLocale())
}

export function translate(app: App): Translate {
  return translator(uiLocale(app))
}
