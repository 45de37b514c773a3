/**
 * @module The bundle's entry: every function Apps Script calls by name, each given the real
 * platform. Code.js wraps each in a top-level `function` (see build.ts), which is all Apps
 * Script can see.
 */
import type { Locale } from '../../engine/index'
import type { EntryPointName } from './entry-points'
import type { FormulaName } from './formulas/catalogue'
import * as measures from './formulas/measures'
import type { RangeArg } from './formulas/ranges'
import { KEY_DRIVERS as keyDrivers, localeArgument, RATING as rating } from './formulas/tables'
import { appsScriptPlatform } from './platform/apps-script'
import type { App } from './server/app'
import { insertExamples } from './server/examples'
import { about, type OpenEvent, onOpen } from './server/menu'
import { regenerate } from './server/regenerate'
import { savedSettings } from './server/settings-store'
import { showSettings, sidebarDetect, sidebarLoad, sidebarSave } from './server/sidebar'
import type { SettingsDraft } from './shared/settings'

/** The Worker URL prefixes of the manifest's urlFetchWhitelist, set by the build. */
declare const SAPA_URL_ALLOWLIST: readonly string[]

let app: App | undefined
/** Made on first use: a custom function that never reads a setting never builds it. */
const theApp = (): App => {
  app ??= { platform: appsScriptPlatform(), allowlist: SAPA_URL_ALLOWLIST }
  return app
}

/** A header's language when the formula is given none: the report language saved, else kk. */
function savedLocale(): Locale {
  try {
    return savedSettings(theApp().platform.store)?.locale ?? 'kk'
  } catch {
    return 'kk'
  }
}

export const entryPoints = {
  onOpen: (event?: OpenEvent) => onOpen(theApp(), event),
  onInstall: (event?: OpenEvent) => onOpen(theApp(), event),
  menuRegenerate: () => regenerate(theApp()),
  menuSettings: () => showSettings(theApp()),
  menuExamples: () => insertExamples(theApp()),
  menuAbout: () => about(theApp()),
  sidebarLoad: () => sidebarLoad(theApp()),
  sidebarDetect: (sheet: string) => sidebarDetect(theApp(), sheet),
  sidebarSave: (draft: SettingsDraft) => sidebarSave(theApp(), draft),
  SATISFACTION: measures.SATISFACTION,
  TOP2BOX: measures.TOP2BOX,
  MEAN_SCORE: measures.MEAN_SCORE,
  SCORE10: measures.SCORE10,
  RESPONDENTS: measures.RESPONDENTS,
  DISTRIBUTION: measures.DISTRIBUTION,
  SATISFACTION_CI: measures.SATISFACTION_CI,
  MEAN_CI: measures.MEAN_CI,
  SOCIAL_CONCERN: measures.SOCIAL_CONCERN,
  KEY_DRIVERS: (
    aspectsWithHeader: RangeArg,
    overall: RangeArg,
    locale?: unknown,
    scale?: unknown,
  ) => keyDrivers(aspectsWithHeader, overall, localeArgument(locale, savedLocale), scale),
  RATING: (
    services: RangeArg,
    scores: RangeArg,
    minBase?: unknown,
    locale?: unknown,
    scale?: unknown,
  ) => rating(services, scores, minBase, localeArgument(locale, savedLocale), scale),
} satisfies Record<EntryPointName | FormulaName, (...args: never[]) => unknown>
