import { readFileSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildAddon, DIST, jsDoc, main } from '../../addon/build'
import { ENTRY_POINTS } from '../../addon/src/entry-points'
import { FORMULAS, OPTIONAL } from '../../addon/src/formulas/catalogue'
import { type LoadedAddon, loadAddon } from './apps-script/addon'
import { SyncHttp } from './apps-script/sync-http'
import { FUNCTION_NAMES } from './support/sheets-functions'

let code: string
let http: SyncHttp
let addon: LoadedAddon

beforeAll(async () => {
  await buildAddon({
    workerUrls: ['https://sapa.stat.gov.kz', 'https://sapa-test.example.workers.dev/'],
  })
  code = await readFile(`${DIST}/Code.js`, 'utf8')
  http = new SyncHttp()
  addon = loadAddon({ dist: DIST, http })
})

afterAll(async () => {
  await http?.stop()
})

/** The JSDoc block right above `function NAME(`, or undefined. */
function docAbove(name: string): string | undefined {
  const match = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\nfunction ${name}\\(`).exec(code)
  return match?.[1]
}

describe('the shipped addon/dist/Code.js', () => {
  it('declares every entry point as a top-level function', () => {
    const names = [...Object.keys(ENTRY_POINTS), ...FORMULAS.map((f) => f.name)]
    for (const name of names) {
      expect(code, name).toMatch(new RegExp(`^function ${name}\\(`, 'm'))
      expect(typeof addon.realm.context[name], name).toBe('function')
    }
  })

  it('keeps every formula’s JSDoc: description, each @param, @return and @customfunction', () => {
    for (const formula of FORMULAS) {
      const doc = docAbove(formula.name)
      expect(doc, formula.name).toBeDefined()
      expect(doc).toContain('@customfunction')
      expect(doc).toContain(formula.summary.kk)
      expect(doc).toMatch(/@return \{[^}]+\} \S/)
      for (const param of formula.params) {
        // Sheets shows "[name]" as a required parameter of that name: optional is said in words.
        const text = `@param {${param.type}} ${param.name} ${param.doc.kk}`
        expect(doc).toContain(param.optional ? `${text} ${OPTIONAL.kk}` : text)
      }
      expect(doc).not.toMatch(/@param \{[^}]+\} \[/)
    }
  })

  it('names no custom function like a built-in Sheets function (Google’s function list)', () => {
    expect(FUNCTION_NAMES.size).toBeGreaterThanOrEqual(520)
    // The list has the names this test exists for, and the newer ones Google's pages list.
    const expected = ['BASE', 'RANK', 'MARGINOFERROR', 'FILTER', 'FORMULATEXT']
    const newer = ['COUNTUNIQUEIFS', 'XMATCH', 'PERCENTIF', 'BINOM.DIST.RANGE', 'BAHTTEXT']
    for (const name of [...expected, ...newer]) {
      expect(FUNCTION_NAMES.has(name), name).toBe(true)
    }
    const names = [...Object.keys(ENTRY_POINTS), ...FORMULAS.map((f) => f.name)]
    for (const name of names) expect(FUNCTION_NAMES.has(name.toUpperCase()), name).toBe(false)
    // Apps Script keeps a name ending in "_" private: it could not be called from a cell.
    for (const formula of FORMULAS) expect(formula.name).toMatch(/^[A-Z][A-Z0-9_]*[A-Z0-9]$/)
  })

  it('gives every formula the scale as its last, optional argument; those that spill a header row the locale before it', () => {
    for (const formula of FORMULAS) {
      expect(formula.params.at(-1), formula.name).toMatchObject({ name: 'scale', optional: true })
      expect(code).toMatch(new RegExp(`^function ${formula.name}\\([^)]*, scale\\) \\{`, 'm'))
      expect(docAbove(formula.name)).toContain('@param {string} scale')
    }
    for (const name of ['KEY_DRIVERS', 'RATING']) {
      const params = FORMULAS.find((f) => f.name === name)?.params ?? []
      expect(params.at(-2), name).toMatchObject({ name: 'locale', optional: true })
      expect(code).toMatch(new RegExp(`^function ${name}\\([^)]*, locale, scale\\) \\{`, 'm'))
    }
  })

  it('writes descriptions in the locale asked for', () => {
    const satisfaction = FORMULAS[0]
    expect(jsDoc(satisfaction, 'ru')).toContain('Удовлетворенность')
    expect(jsDoc(satisfaction, 'en')).toContain('Satisfaction: the share who gave the top score')
  })

  it('is plain ES2019 with no module syntax Apps Script cannot load', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    expect(code).not.toMatch(/\?\?|\?\.[a-zA-Z_(]/)
    // A call of Node's require; esbuild's own `__require` wrapper of bundled CommonJS is fine.
    expect(code).not.toMatch(/(^|[^\w$])require\(/m)
  })

  it('ships the manifest with V8, exactly the scopes of DESIGN §7, the Worker allowlist, no addOns block', async () => {
    const manifest = JSON.parse(await readFile(`${DIST}/appsscript.json`, 'utf8'))
    expect(manifest.urlFetchWhitelist).toEqual([
      'https://sapa.stat.gov.kz/',
      'https://sapa-test.example.workers.dev/',
    ])
    // The same list is what Settings accept.
    expect(code).toContain(
      '= ["https://sapa.stat.gov.kz/", "https://sapa-test.example.workers.dev/"]',
    )
    expect(manifest.runtimeVersion).toBe('V8')
    expect(manifest.addOns).toBeUndefined()
    expect([...manifest.oauthScopes].sort()).toEqual(
      [
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.external_request',
        'openid',
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    )
  })

  it('ships the sidebar with its script inlined', async () => {
    const html = await readFile(`${DIST}/Sidebar.html`, 'utf8')
    expect(html).not.toContain('SIDEBAR_SCRIPT')
    expect(html).toContain('google.script.run')
    expect(html.match(/<\/script>/g)).toHaveLength(1)
  })
})

describe('the menu', () => {
  it('onInstall builds the Sapa menu through onOpen, reading nothing (AuthMode.NONE)', () => {
    addon.log.reset()
    addon.call('onInstall', { authMode: 'NONE' })
    // In AuthMode.NONE only the user's locale is read (Session: kk here).
    expect(addon.ui.menus).toEqual([
      [
        'Есепті қайта құру → menuRegenerate',
        'Баптаулар → menuSettings',
        'Формула мысалдарын қою → menuExamples',
        '—',
        'Sapa туралы → menuAbout',
      ],
    ])
    expect(addon.log.calls).toEqual(['SpreadsheetApp.getUi', 'Ui.createAddonMenu'])
  })

  it('every menu item names a top-level function', () => {
    for (const item of addon.ui.menus[0].filter((i) => i !== '—')) {
      const name = item.split(' → ')[1]
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'))
    }
  })
})

describe('npm run build:addon and npm run push', () => {
  const made: string[] = []
  afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))))

  /** Runs the build's command line into a directory of its own, `clasp` replaced by `clasp`. */
  async function run(argv: string[], clasp: (outDir: string) => number = () => 0) {
    const outDir = await mkdtemp(join(tmpdir(), 'sapa-push-'))
    made.push(outDir)
    const lines: string[] = []
    const warnings: string[] = []
    let pushed = 0
    const code = await main(argv, {
      outDir,
      clasp: () => {
        pushed++
        return clasp(outDir)
      },
      log: (line) => lines.push(line),
      warn: (line) => warnings.push(line),
    })
    return { code, outDir, lines, warnings, pushed }
  }

  it('push goes through the build, so `npm run push -- --worker-url …` reaches it', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8'))
    expect(pkg.scripts.push).toBe('tsx addon/build.ts --push')
  })

  it('push refuses without --worker-url, in one line, before building or pushing', async () => {
    const { code, outDir, lines, warnings, pushed } = await run(['--push', '--locale', 'ru'])
    expect(code).toBe(1)
    expect(warnings).toEqual([
      'push: no --worker-url, so no urlFetchWhitelist in the manifest: run npm run push -- --worker-url https://<your Worker>',
    ])
    expect(lines).toEqual([])
    expect(pushed).toBe(0)
    expect(await readdir(outDir)).toEqual([])
  })

  it('push builds with the Worker URL, then runs clasp push over a manifest with the allowlist', async () => {
    let manifest: { urlFetchWhitelist?: string[] } = {}
    const { code, warnings, pushed, lines } = await run(
      ['--push', '--worker-url', 'https://sapa.stat.gov.kz', '--worker-url', 'https://b.example/'],
      (outDir) => {
        manifest = JSON.parse(readFileSync(join(outDir, 'appsscript.json'), 'utf8'))
        return 0
      },
    )
    expect(code).toBe(0)
    expect(pushed).toBe(1)
    expect(manifest.urlFetchWhitelist).toEqual(['https://sapa.stat.gov.kz/', 'https://b.example/'])
    expect(lines).toHaveLength(3)
    expect(warnings).toEqual([])
  })

  it('push fails when clasp push fails', async () => {
    const { code, warnings } = await run(['--push', '--worker-url', 'https://a.example'], () => 2)
    expect(code).toBe(1)
    expect(warnings).toEqual(['push: clasp push failed (exit 2)'])
  })

  it('the build alone warns without --worker-url and does not push', async () => {
    const { code, warnings, pushed, outDir } = await run([])
    expect(code).toBe(0)
    expect(pushed).toBe(0)
    expect(warnings).toEqual([expect.stringMatching(/^No --worker-url: the manifest has no/)])
    const manifest = JSON.parse(await readFile(join(outDir, 'appsscript.json'), 'utf8'))
    expect(manifest.urlFetchWhitelist).toBeUndefined()
  })

  it('says in one line what is wrong with an argument', async () => {
    expect((await run(['--locale', 'de'])).warnings).toEqual([
      'build:addon: --locale must be kk, ru or en, not "de"',
    ])
    const { code, warnings, pushed } = await run(['--push', '--worker-url', 'http://a.example'])
    expect(code).toBe(1)
    expect(pushed).toBe(0)
    expect(warnings[0]).toMatch(/^build:addon: --worker-url must be an https URL/)
  })
})
