/// <reference types="google-apps-script" />
/** @module The Sapa menu, and About. Nothing here needs authorisation until an item is chosen. */
import { ENGINE_VERSION } from '../../../engine/index'
import { savedSettings } from './settings-store'
import { messageOf, workerVersion } from './worker-client'

/** Builds the menu; safe in AuthMode.NONE (it reads nothing). */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem('Regenerate report', 'menuRegenerate')
    .addItem('Settings', 'menuSettings')
    .addItem('Insert formula examples', 'menuExamples')
    .addSeparator()
    .addItem('About', 'menuAbout')
    .addToUi()
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined)
}

const HEALTH_CACHE_SECONDS = 60

/** The add-on's engine version and the Worker's, which should match. */
export function about(): void {
  const ui = SpreadsheetApp.getUi()
  const url = savedSettings()?.workerUrl
  let worker = 'no Worker URL set (Sapa › Settings)'
  if (url) {
    try {
      const version = cachedWorkerVersion(url)
      worker = `${url}: engine ${version}${version === ENGINE_VERSION ? '' : ' (differs from the add-on’s: formulas and reports may disagree)'}`
    } catch (error) {
      worker = `${url}: not reachable (${messageOf(error)})`
    }
  }
  ui.alert('About Sapa', `Add-on engine ${ENGINE_VERSION}\nWorker ${worker}`, ui.ButtonSet.OK)
}

/** Opening About twice in a row asks the Worker once. */
function cachedWorkerVersion(url: string): string {
  const cache = CacheService.getDocumentCache()
  const key = `sapa.health.${url}`
  const hit = cache?.get(key)
  if (hit) return hit
  const version = workerVersion(url)
  cache?.put(key, version, HEALTH_CACHE_SECONDS)
  return version
}
