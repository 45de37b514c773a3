/**
 * @module `npm run preview [REPORT.xlsx]`: the report sheets of a `sapa report --out` workbook
 * as PNG pages under out/preview/, through LibreOffice (headless) and pdftoppm, to look at the
 * rendering without a spreadsheet program. Not part of the tests.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import ExcelJS from 'exceljs'
import type { ReportReply } from '../cli/index'
import { buildSheets, XLSX_LIMITS } from '../sheets/index'

const report = process.argv[2] ?? 'out/survey-2017-report.xlsx'
const json = report.replace(/\.xlsx$/i, '.json')
const outDir = 'out/preview'

if (!existsSync(report)) {
  console.error(`preview: ${report} not found; run npm start first`)
  process.exit(1)
}
ensureTools()
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

run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, sheetsOnly])
const pdf = sheetsOnly.replace(/\.xlsx$/i, '.pdf')
run('pdftoppm', ['-png', '-r', '80', pdf, join(outDir, 'page')])
const pages = (await readdir(outDir)).filter((name) => name.endsWith('.png'))
console.log(`preview: ${pages.length} pages of ${reportSheets} report sheets in ${outDir}/`)

/** LibreOffice Calc and poppler come from Debian packages, installed when missing. */
function ensureTools() {
  const missing = [
    ['soffice', 'libreoffice-calc'],
    ['pdftoppm', 'poppler-utils'],
  ].filter(([command]) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0)
  if (missing.length === 0) return
  const packages = missing.map(([, name]) => name)
  console.log(`preview: installing ${packages.join(' ')} with apt-get`)
  const apt = (...args: string[]) => {
    const [command, ...rest] = [...(process.getuid?.() === 0 ? [] : ['sudo']), 'apt-get', ...args]
    run(command, rest)
  }
  apt('update')
  apt('install', '-y', '--no-install-recommends', ...packages)
}

function run(command: string, args: string[]) {
  execFileSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}
