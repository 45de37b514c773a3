/** @module The Sapa menu, and About. Nothing here needs authorisation until an item is chosen. */
import { ENGINE_VERSION } from '../../../engine/index'
import { chooseLocale, translator } from '../shared/messages'
import { type App, translate } from './app'
import { savedSettings } from './settings-store'
import { messageOf, workerVersion } from './worker-client'

/** What `onOpen` is told: in AuthMode.NONE the document and its properties cannot be read. */
export interface OpenEvent {
  authMode?: unknown
}

/**
 * Builds the menu in the user's language. In AuthMode.NONE (the add-on installed but not yet
 * used in this document) only the user's locale is read; otherwise the settings and the
 * spreadsheet's locale choose, as everywhere else.
 */
export function onOpen(app: App, event?: OpenEvent): void {
  const none = String(event?.authMode ?? '') === 'NONE'
  const t = none ? translator(chooseLocale(null, null, app.platform.userLocale())) : translate(app)
  app.platform.ui.addonMenu([
    [t('menu.regenerate'), 'menuRegenerate'],
    [t('menu.settings'), 'menuSettings'],
    [t('menu.examples'), 'menuExamples'],
    null,
    [t('menu.about'), 'menuAbout'],
  ])
}

const HEALTH_CACHE_SECONDS = 60

/** The add-on's engine version and the Worker's, which should match. */
export function about(app: App): void {
  const { platform } = app
  const t = translate(app)
  const url = savedSettings(platform.store)?.workerUrl
  let worker = t('about.noUrl')
  if (url) {
    try {
      const version = cachedWorkerVersion(app, url)
      worker =
        t('about.version', { url, version }) +
        (version === ENGINE_VERSION ? '' : t('about.differs'))
    } catch (error) {
      worker = t('about.unreachable', { url, error: messageOf(error) })
    }
  }
  platform.ui.alert(t('about.title'), t('about.body', { engine: ENGINE_VERSION, worker }))
}

/** Opening About twice in a row asks the Worker once. */
function cachedWorkerVersion({ platform }: App, url: string): string {
  const key = `sapa.health.${url}`
  const hit = platform.cache.get(key)
  if (hit) return hit
  const version = workerVersion(platform.http, url)
  platform.cache.put(key, version, HEALTH_CACHE_SECONDS)
  return version
}
