/** @module `npm start` until the Worker and `sapa report` exist: the rating table of a survey file. */
import { report } from '../functions/engine'
import { readSurvey } from './read-survey'

const [path = 'samples/survey-2017.xlsx'] = process.argv.slice(2)
const survey = await readSurvey(path)
const result = report(survey)
const rating = result.tables.find((t) => t.id === 'rating')
if (!rating) throw new Error('no rating table')

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—')
const dec = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : '—')
const lines = rating.rows.map((row) =>
  [
    String(row.rank ?? '·').padStart(3),
    String(row.n).padStart(5),
    pct(row.satisfaction).padStart(7),
    dec(row.mean).padStart(5),
    String(row.service).slice(0, 90),
  ].join('  '),
)
const { summary } = result
console.log(`${rating.title} — ${path}`)
console.log(`  #      n   сапа   балл  қызмет`)
console.log(lines.join('\n'))
console.log(
  `\n${summary.respondents} respondents, ${summary.rated} rated, satisfaction ${pct(summary.satisfaction)}, mean ${dec(summary.mean)}, ${summary.services} services, ${summary.issueCount} data issues (· = base under ${summary.minBase}, not ranked)`,
)
