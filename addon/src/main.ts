/// <reference types="google-apps-script" />
/**
 * @module The bundle's entry: every function Apps Script calls by name. Code.js wraps each
 * in a top-level `function` (see build.ts), which is all Apps Script can see.
 */
import type { Locale } from '../../engine/index'
import type { EntryPointName } from './entry-points'
import type { FormulaName } from './formulas/catalogue'
import * as measures from './formulas/measures'
import type { RangeArg } from './formulas/ranges'
import { KEY_DRIVERS as keyDriversTable, RATING as ratingTable } from './formulas/tables'
import { insertExamples } from './server/examples'
import { about, onInstall, onOpen } from './server/menu'
import { regenerate } from './server/regenerate'
import { savedSettings } from './server/settings-store'
import { showSettings, sidebarDetect, sidebarLoad, sidebarSave } from './server/sidebar'

/** Table headers follow the report's locale; custom functions may read document properties. */
function formulaLocale(): Locale {
  try {
    return savedSettings()?.locale ?? 'kk'
  } catch {
    return 'kk'
  }
}

export const entryPoints = {
  onOpen,
  onInstall,
  menuRegenerate: regenerate,
  menuSettings: showSettings,
  menuExamples: insertExamples,
  menuAbout: about,
  sidebarLoad,
  sidebarDetect,
  sidebarSave,
  SATISFACTION: measures.SATISFACTION,
  TOP2BOX: measures.TOP2BOX,
  MEAN_SCORE: measures.MEAN_SCORE,
  SCORE10: measures.SCORE10,
  BASE: measures.BASE,
  DISTRIBUTION: measures.DISTRIBUTION,
  SATISFACTION_CI: measures.SATISFACTION_CI,
  SOCIAL_CONCERN: measures.SOCIAL_CONCERN,
  KEY_DRIVERS: (aspectsWithHeader: RangeArg, overall: RangeArg) =>
    keyDriversTable(aspectsWithHeader, overall, formulaLocale()),
  RATING: (services: RangeArg, scores: RangeArg, minBase?: unknown) =>
    ratingTable(services, scores, minBase, formulaLocale()),
} satisfies Record<EntryPointName | FormulaName, (...args: never[]) => unknown>
