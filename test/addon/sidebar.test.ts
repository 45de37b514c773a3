import { mkdir, readFile } from 'node:fs/promises'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SettingsDraft } from '../../addon/src/shared/settings'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest } from './support/build'
import { sampleValues } from './support/sample'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const SIDEBAR_URL = 'https://script.google.test/sidebar'

let browser: Browser
let page: Page
let http: SyncHttp
let addon: LoadedAddon
/** Every call the page made to the server, as the server received it. */
const received: { name: string; args: unknown[] }[] = []

/**
 * google.script.run as Apps Script injects it: any server function by name, handlers set by
 * withSuccessHandler / withFailureHandler. Here each call crosses to the test, which runs the
 * add-on's own server function from Code.js over the stand-in spreadsheet.
 */
const GOOGLE_SCRIPT_RUN = `(() => {
  const runner = (success, failure) => new Proxy({}, {
    get: (_, name) => {
      if (name === 'withSuccessHandler') return (f) => runner(f, failure)
      if (name === 'withFailureHandler') return (f) => runner(success, f)
      return (...args) => {
        window.__sapaServer(name, JSON.parse(JSON.stringify(args))).then(
          (value) => success && success(value),
          (error) => failure && failure(error),
        )
      }
    },
  })
  window.google = { script: { run: runner(null, null) } }
})()`

beforeAll(async () => {
  const [dist, values] = await Promise.all([buildForTest(), sampleValues()])
  http = new SyncHttp()
  addon = loadAddon({ dist, http })
  addon.spreadsheet.fakeAddSheet('Жауаптар', values.slice(0, 200))
  addon.spreadsheet.fakeAddSheet('Other', [
    ['Service', 'Overall', 'Region'],
    ['A', 5, 'North'],
  ])
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  page = await browser.newPage({ viewport: { width: 300, height: 900 } })
  // No network: Google's stylesheet is refused at once; the sidebar is served as Apps Script would.
  const html = await readFile(`${dist}/Sidebar.html`, 'utf8')
  await page.route('https://**/*', (route) => route.abort())
  await page.route(SIDEBAR_URL, (route) => route.fulfill({ body: html, contentType: 'text/html' }))
  await page.exposeFunction('__sapaServer', (name: string, args: unknown[]) => {
    received.push({ name, args })
    return JSON.parse(JSON.stringify(addon.call(name, ...args)))
  })
  await page.addInitScript(GOOGLE_SCRIPT_RUN)
  await page.goto(SIDEBAR_URL)
  await page.locator('#form').waitFor({ state: 'visible' })
  await mkdir('test-output', { recursive: true })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await http?.stop()
})

const saves = () => received.filter((call) => call.name === 'sidebarSave')

describe('the settings sidebar', () => {
  it('renders the detected mapping: one dropdown per role, filled from the header row', async () => {
    expect(received[0].name).toBe('sidebarLoad')
    expect(await page.locator('select[data-role]').count()).toBe(20)
    expect(await page.inputValue('#role-service')).toBe('Мемлекеттік көрсетілетін қызмет')
    expect(await page.inputValue('#role-overall')).toBe('Қызметке жалпы баға')
    expect(await page.inputValue('#role-trust')).toBe('Қызмет ұсынушыға сенім')
    expect(await page.inputValue('#role-weight')).toBe('')
    const options = await page.locator('#role-agency option').allTextContents()
    expect(options).toEqual(['— none —', ...(await sampleValues())[0].map(String)])
    expect(await page.inputValue('#sheet')).toBe('Жауаптар')
    expect(await page.inputValue('#minBase')).toBe('30')
    const body = await page.evaluate('document.body.scrollWidth')
    expect(body).toBeLessThanOrEqual(300)
    await page.screenshot({ path: 'test-output/sidebar.png', fullPage: true })
  })

  it('lets a role be changed and saved: the server receives the new mapping', async () => {
    await page.selectOption('#role-service', 'Қызмет коды')
    await page.fill('#workerUrl', 'https://sapa.example.workers.dev/')
    await page.click('#save')
    await expect.poll(() => page.textContent('#status')).toBe('Saved')
    const [save] = saves()
    const draft = save.args[0] as SettingsDraft
    expect(draft.mapping.service).toBe('Қызмет коды')
    expect(draft.mapping.overall).toBe('Қызметке жалпы баға')
    const stored = JSON.parse(addon.properties.document.getProperty('sapa.settings') ?? '{}')
    expect(stored.mapping.service).toBe('Қызмет коды')
    expect(stored.workerUrl).toBe('https://sapa.example.workers.dev')
    expect(stored.minBase).toBe(30)
  })

  it('shows an inline error for an invalid minimum base and does not save it', async () => {
    const before = saves().length
    await page.fill('#minBase', '0')
    const error = page.locator('[data-error="minBase"]')
    await expect
      .poll(() => error.textContent())
      .toBe('Minimum base must be a whole number from 1 to 1000000')
    expect(await page.getAttribute('#minBase', 'class')).toMatch(/invalid/)
    await page.click('#save')
    await expect.poll(() => page.textContent('#status')).toBe('Fix the fields marked in red')
    expect(saves()).toHaveLength(before)
    await page.screenshot({ path: 'test-output/sidebar-invalid.png', fullPage: true })
    await page.fill('#minBase', '50')
    await expect.poll(() => error.textContent()).toBe('')
  })

  it('re-detects the mapping when another sheet is chosen', async () => {
    await page.selectOption('#sheet', 'Other')
    await expect.poll(() => page.inputValue('#role-overall')).toBe('Overall')
    expect(received.at(-1)).toEqual({ name: 'sidebarDetect', args: ['Other'] })
    expect(await page.inputValue('#role-region')).toBe('Region')
  })
})
