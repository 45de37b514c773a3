/**
 * @module `npm run preview [REPORT.xlsx]`: the report sheets of a `sapa report --out` workbook
 * as PNG pages under out/preview/, through LibreOffice (headless) and pdftoppm, to look at the
 * rendering without a spreadsheet program. Not part of the tests.
 */
import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { basename, delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import type { ReportReply } from '../cli/index'
import { buildSheets, XLSX_LIMITS } from '../sheets/index'
import { ensurePackages, type Need } from './apt'

/**
 * LibreOffice Calc and poppler's pdftoppm: the ones on PATH, else where Debian's packages put
 * them, for `ensurePackages` to install when missing.
 */
export function previewTools(
  env: NodeJS.ProcessEnv = process.env,
): [soffice: Need, pdftoppm: Need] {
  const why = 'npm run preview'
  return [
    { path: onPath('soffice', env) ?? '/usr/bin/soffice', pkg: 'libreoffice-calc', why },
    { path: onPath('pdftoppm', env) ?? '/usr/bin/pdftoppm', pkg: 'poppler-utils', why },
  ]
}

/** Where `command` is on `env.PATH`, as a shell would find it, or undefined. */
function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const path = join(dir || '.', command)
    try {
      accessSync(path, constants.X_OK)
      if (statSync(path).isFile()) return path
    } catch {
      // Not here: the next directory.
    }
  }
  return undefined
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await preview()

async function preview() {
  const report = process.argv[2] ?? 'out/survey-2017-report.xlsx'
  const json = report.replace(/\.xlsx$/i, '.json')
  const outDir = 'out/preview'

  if (!existsSync(report)) {
    console.error(`preview: ${report} not found; run npm start first`)
    process.exit(1)
  }
  const [soffice, pdftoppm] = previewTools()
  const failure = ensurePackages([soffice, pdftoppm], {
    log: (line) => console.error(`preview: ${line}`),
  })
  if (failure) process.exit(1)
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })

  // The survey sheet alone would be a thousand pages: keep the report's sheets, the last ones.
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(report)
  const reportSheets = existsSync(json)
    ? buildSheets(JSON.parse(readFileSync(json, 'utf8')) as ReportReply, {
        generatedAt: '',
        limits: XLSX_LIMITS,
      }).length
    : workbook.worksheets.length
  for (const worksheet of workbook.worksheets.slice(0, -reportSheets)) {
    workbook.removeWorksheet(worksheet.id)
  }
  const sheetsOnly = join(outDir, basename(report))
  await workbook.xlsx.writeFile(sheetsOnly)

  run(soffice.path, ['--headless', '--convert-to', 'pdf', '--outdir', outDir, sheetsOnly])
  const pdf = sheetsOnly.replace(/\.xlsx$/i, '.pdf')
  run(pdftoppm.path, ['-png', '-r', '80', pdf, join(outDir, 'page')])
  const pages = (await readdir(outDir)).filter((name) => name.endsWith('.png'))
  console.log(`preview: ${pages.length} pages of ${reportSheets} report sheets in ${outDir}/`)
}

function run(command: string, args: string[]) {
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] })
}
