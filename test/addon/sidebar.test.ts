import { mkdir, readFile } from 'node:fs/promises'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MESSAGES, type MessageKey } from '../../addon/src/shared/messages'
import type { SettingsDraft } from '../../addon/src/shared/settings'
import { ENGINE_VERSION, LOCALES } from '../../engine/index'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { buildForTest, TEST_WORKER } from './support/build'
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
let html: string
const kk = MESSAGES.kk
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
  addon.spreadsheet.fakeAddSheet('2016', values.slice(0, 50))
  addon.spreadsheet.fakeAddSheet('Notes', [['Comment', 'Date']])
  addon.spreadsheet.fakeAddSheet('Margins', [
    ['role', 'category', 'share'],
    ['region', 'Астана қ.', 1],
  ])
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  page = await browser.newPage({ viewport: { width: 300, height: 900 } })
  // No network: Google's stylesheet is refused at once; the sidebar is served as Apps Script would.
  html = await readFile(`${dist}/Sidebar.html`, 'utf8')
  await page.route('https://**/*', (route) => route.abort())
  await page.route(SIDEBAR_URL, (route) =>
    route.fulfill({ body: served(addon.spreadsheet.locale), contentType: 'text/html' }),
  )
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

/** A new tab serving `body` as the sidebar, its server calls answered by the add-on. */
async function openTab(body: string, height = 1400): Promise<Page> {
  const tab = await browser.newPage({ viewport: { width: 300, height } })
  await tab.route('https://**/*', (route) => route.abort())
  await tab.route(SIDEBAR_URL, (route) => route.fulfill({ body, contentType: 'text/html' }))
  await tab.exposeFunction('__sapaServer', (name: string, args: unknown[]) =>
    JSON.parse(JSON.stringify(addon.call(name, ...args))),
  )
  await tab.addInitScript(GOOGLE_SCRIPT_RUN)
  await tab.goto(SIDEBAR_URL)
  await tab.locator('#form').waitFor({ state: 'visible' })
  return tab
}

/** The page as the platform serves it: <html lang> set to the language (see showSidebar). */
function served(spreadsheetLocale: string) {
  const lang = spreadsheetLocale.slice(0, 2)
  return html.replace('<html lang="en">', `<html lang="${lang}">`)
}

describe('the settings sidebar', () => {
  it('renders the detected mapping: one dropdown per role, filled from the header row', async () => {
    expect(received[0].name).toBe('sidebarLoad')
    expect(await page.locator('select[data-role]').count()).toBe(20)
    expect(await page.inputValue('#role-service')).toBe('Мемлекеттік көрсетілетін қызмет')
    expect(await page.inputValue('#role-overall')).toBe('Қызметке жалпы баға')
    expect(await page.inputValue('#role-trust')).toBe('Қызмет ұсынушыға сенім')
    expect(await page.inputValue('#role-weight')).toBe('')
    const options = await page.locator('#role-agency option').allTextContents()
    expect(options).toEqual([kk['sidebar.none'], ...(await sampleValues())[0].map(String)])
    expect(await page.inputValue('#sheet')).toBe('Жауаптар')
    expect(await page.inputValue('#minBase')).toBe('30')
    const body = await page.evaluate('document.body.scrollWidth')
    expect(body).toBeLessThanOrEqual(300)
    await page.screenshot({ path: 'test-output/sidebar.png', fullPage: true })
  })

  it('lets a role be changed and saved: the server receives the new mapping', async () => {
    await page.selectOption('#role-service', 'Қызмет коды')
    await page.fill('#workerUrl', `${TEST_WORKER}/`)
    await page.click('#save')
    await expect.poll(() => page.textContent('#status')).toBe(kk['sidebar.saved'])
    const [save] = saves()
    const draft = save.args[0] as SettingsDraft
    expect(draft.mapping.service).toBe('Қызмет коды')
    expect(draft.mapping.overall).toBe('Қызметке жалпы баға')
    const stored = JSON.parse(addon.properties.document.getProperty('sapa.settings') ?? '{}')
    expect(stored.mapping.service).toBe('Қызмет коды')
    expect(stored.workerUrl).toBe(TEST_WORKER)
    expect(stored.minBase).toBe(30)
  })

  it('shows an inline error for an invalid minimum base and does not save it', async () => {
    const before = saves().length
    await page.fill('#minBase', '0')
    const error = page.locator('[data-error="minBase"]')
    await expect
      .poll(() => error.textContent())
      .toBe('Ең аз іріктеме 1-ден 1000000 дейінгі бүтін сан болуы керек')
    expect(await page.getAttribute('#minBase', 'class')).toMatch(/invalid/)
    await page.click('#save')
    await expect.poll(() => page.textContent('#status')).toBe(kk['sidebar.fix'])
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

  it('refuses a Worker URL outside the built allowlist, with the reason, before saving', async () => {
    const before = saves().length
    await page.fill('#workerUrl', 'https://elsewhere.example.com')
    await expect
      .poll(() => page.textContent('[data-error="workerUrl"]'))
      .toMatch(/urlFetchWhitelist/)
    await page.click('#save')
    expect(saves()).toHaveLength(before)
    await page.fill('#workerUrl', TEST_WORKER)
  })
})

describe('declaring questions, the scale, significance, drivers, a previous wave and margins', () => {
  const waiting = async () =>
    (await sampleValues())[0].map(String).filter((h) => h.startsWith('Күту жағдайы'))

  it('names the columns no role reads, and declares a check-all question over seven of them', async () => {
    await page.selectOption('#sheet', 'Жауаптар')
    await expect.poll(() => page.inputValue('#role-overall')).toBe('Қызметке жалпы баға')
    const hint = page.locator('#unused')
    await expect
      .poll(() => hint.textContent())
      .toMatch(/^Есеп оқымайтын бағандар: №, Сауалнама күні, Қызмет коды, Күту жағдайы/)
    await page.click('#addQuestion')
    expect(await page.inputValue('#question-0-key')).toBe('q1')
    await page.fill('#question-0-key', 'Күту')
    await expect
      .poll(() => page.textContent('[data-error="questions.0"]'))
      .toBe(kk['error.questionKey'])
    await page.fill('#question-0-key', 'waiting')
    await page.selectOption('#question-0-type', 'multi')
    await page.selectOption('#question-0-columns', await waiting())
    await expect.poll(() => page.textContent('[data-error="questions.0"]')).toBe('')
    await expect
      .poll(() => hint.textContent())
      .toBe('Есеп оқымайтын бағандар: №, Сауалнама күні, Қызмет коды')
  })

  it('a rating question joins the drivers’ list; the key a table uses is refused', async () => {
    await page.selectOption('#role-trust', '')
    await page.click('#addQuestion')
    await page.selectOption('#question-1-columns', 'Қызмет ұсынушыға сенім')
    await page.fill('#question-1-key', 'trust')
    await expect
      .poll(() => page.textContent('[data-error="questions.1"]'))
      .toBe('«trust» кілті есепте бұрыннан бар бағанның атауы: басқасын таңдаңыз')
    await page.fill('#question-1-key', 'trustInBody')
    await expect.poll(() => page.locator('#driver-trustInBody').count()).toBe(1)
    await page.check('#driver-trustInBody')
  })

  it('the previous wave’s header is read when chosen; one without the service column is refused', async () => {
    await page.selectOption('#previousSheet', 'Notes')
    await expect
      .poll(() => page.textContent('[data-error="previousSheet"]'))
      .toBe('Алдыңғы толқынның парағында «Қызмет» үшін баған жоқ')
    expect(received.at(-1)).toEqual({ name: 'sidebarDetect', args: ['Notes'] })
    await page.selectOption('#previousSheet', '2016')
    await expect.poll(() => page.textContent('[data-error="previousSheet"]')).toBe('')
  })

  it('saves them all, with the scale, Holm at 99 %, the margins sheet and trimming bounds', async () => {
    await page.selectOption('#scaleMax', '10')
    await page.selectOption('#level', '0.01')
    await page.selectOption('#correction', 'holm')
    await page.selectOption('#marginsSheet', 'Margins')
    await page.fill('#trimMin', '2')
    await expect.poll(() => page.textContent('[data-error="trim.min"]')).toBe(kk['error.trimMin'])
    await page.fill('#trimMin', '0.3')
    await page.fill('#trimMax', '3')
    await page.fill('#workerUrl', `${TEST_WORKER}/`)
    await page.click('#save')
    await expect.poll(() => page.textContent('#status')).toBe(kk['sidebar.saved'])
    const stored = JSON.parse(addon.properties.document.getProperty('sapa.settings') ?? '{}')
    expect(stored.questions).toEqual([
      { key: 'waiting', type: 'multi', headers: await waiting() },
      { key: 'trustInBody', type: 'rating', header: 'Қызмет ұсынушыға сенім' },
    ])
    expect(stored.mapping.trust).toBeUndefined()
    expect(stored.scale).toEqual({ min: 1, max: 10 })
    expect(stored.significance).toEqual({ level: 0.01, correction: 'holm' })
    expect(stored.driversExclude).toEqual(['trustInBody'])
    expect(stored.previousSheet).toBe('2016')
    expect(stored.marginsSheet).toBe('Margins')
    expect(stored.trim).toEqual({ min: 0.3, max: 3 })
    const body = await page.evaluate('document.body.scrollWidth')
    expect(body).toBeLessThanOrEqual(300)
    await page.screenshot({ path: 'test-output/sidebar-declared.png', fullPage: true })
  })

  it('shows the saved declaration again when the sidebar is opened anew', async () => {
    const tab = await openTab(served('kk_KZ'), 2400)
    try {
      expect(await tab.inputValue('#question-0-key')).toBe('waiting')
      expect(await tab.inputValue('#question-0-type')).toBe('multi')
      const chosen = await tab.$$eval('#question-0-columns option:checked', (options) =>
        options.map((o) => (o as unknown as { value: string }).value),
      )
      expect(chosen).toEqual(await waiting())
      expect(await tab.inputValue('#scaleMax')).toBe('10')
      expect(await tab.inputValue('#correction')).toBe('holm')
      expect(await tab.isChecked('#driver-trustInBody')).toBe(true)
      expect(await tab.inputValue('#previousSheet')).toBe('2016')
      expect(await tab.inputValue('#trimMax')).toBe('3')
    } finally {
      await tab.close()
    }
  })
})

describe('the sidebar in each language', () => {
  for (const locale of LOCALES) {
    it(`${locale}: every word in ${locale}, no message missing`, async () => {
      const spreadsheetLocale = { kk: 'kk_KZ', ru: 'ru_RU', en: 'en_GB' }[locale]
      addon.spreadsheet.locale = spreadsheetLocale
      addon.properties.document.values.clear()
      const tab = await openTab(served(spreadsheetLocale))
      try {
        const text = await tab.evaluate('document.body.innerText')
        // A missing message shows as ⟦key⟧: none may.
        expect(text).not.toMatch(/⟦/)
        const marked = (await tab.evaluate(
          `[...document.querySelectorAll('[data-i18n]')].map((n) => [n.dataset.i18n, n.textContent])`,
        )) as [MessageKey, string][]
        expect(marked.length).toBeGreaterThan(8)
        for (const [key, shown] of marked) expect(shown, key).toBe(MESSAGES[locale][key])
        const roles = await tab.locator('#mapping label').allTextContents()
        expect(roles[0]).toBe(`${MESSAGES[locale]['role.service']} *`)
        expect(roles.every((label) => label.trim() !== '')).toBe(true)
        expect(await tab.textContent('#engine')).toBe(
          MESSAGES[locale]['sidebar.engine'].replace('{engine}', ENGINE_VERSION),
        )
        // A question shows its own fields, and every choice of every list has its words.
        await tab.click('#addQuestion')
        await tab.selectOption('#question-0-type', 'multi')
        const choices = (await tab.evaluate(
          `[...document.querySelectorAll('option, label, legend, button, p')].map((n) => n.textContent)`,
        )) as string[]
        expect(choices.filter((text) => text.includes('⟦'))).toEqual([])
        expect(choices).toContain(MESSAGES[locale]['type.multi'])
        expect(choices).toContain(MESSAGES[locale]['correction.fdr'])
        expect(choices).toContain(MESSAGES[locale]['sidebar.questionColumns'])
        expect(await tab.getAttribute('#trimMin', 'placeholder')).toBe(
          MESSAGES[locale]['sidebar.trimMin'],
        )
        expect(await tab.evaluate('document.documentElement.lang')).toBe(locale)
        await tab.screenshot({ path: `test-output/sidebar-${locale}.png`, fullPage: true })
      } finally {
        await tab.close()
        addon.spreadsheet.locale = 'kk_KZ'
      }
    })
  }

  it('fails on a missing message: the page shows ⟦key⟧ for it', async () => {
    const tab = await openTab(served('kk_KZ').replace(/"sidebar\.save":\s*"[^"]*",?/g, ''))
    try {
      expect(await tab.textContent('#save')).toBe('⟦sidebar.save⟧')
    } finally {
      await tab.close()
    }
  })
})
