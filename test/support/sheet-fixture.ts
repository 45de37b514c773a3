/**
 * @module One report, written out by hand, that uses everything the sheet model holds: a
 * caption, notes (reasons and small bases), bold totals, grey rows, every number format, text
 * that looks like a formula, booleans, blanks, survey labels named like `Object.prototype`'s
 * members, text longer than a cell holds, titles longer than Excel's 31 characters, the aspect
 * colour scale and the three charts. The round-trip tests of every writer use it.
 */
import type { Report, Table, Value } from '../../engine/index'

/** 60,000 characters: over both Sheets' 50,000 and Excel's 32,767. */
export const LONG_TEXT = `${'Ұзақ мәтін. '.repeat(5000)}`

/** Labels that are also names on every object's prototype. */
export const PROTOTYPE_LABELS = ['constructor', 'toString', '__proto__', 'hasOwnProperty']

const ASPECT_KEYS = [
  'infoAccess',
  'infoClarity',
  'documents',
  'timeliness',
  'staffCompetence',
  'staffSpeed',
  'staffCourtesy',
  'trust',
]

const col = (key: string, label: string, format?: Table['columns'][number]['format']) => ({
  key,
  label,
  ...(format ? { format } : {}),
})

const rating: Table = {
  id: 'rating',
  title: 'Service rating',
  columns: [
    col('rank', 'Rank', 'integer'),
    col('service', 'Service', 'text'),
    col('agency', 'Agency', 'text'),
    col('n', 'Respondents', 'integer'),
    col('satisfaction', 'Satisfaction', 'percent'),
    col('mean', 'Mean score', 'decimal'),
    col('smallBase', 'Small base'),
  ],
  rows: [
    ...PROTOTYPE_LABELS.map((service, i) => ({
      rank: i + 1,
      service,
      agency: i === 1 ? LONG_TEXT : '=1+1',
      n: 200 - i,
      satisfaction: 0.9 - i / 10,
      mean: 4.8 - i / 10,
      smallBase: false,
    })),
    {
      rank: null,
      service: 'Rare',
      agency: 'valueOf',
      n: 12,
      satisfaction: null,
      mean: 4.5,
      smallBase: true,
    },
  ],
  total: {
    rank: null,
    service: 'Total',
    agency: null,
    n: 800,
    satisfaction: 0.75,
    mean: 4.6,
    smallBase: false,
  },
  reasons: { '4.satisfaction': 'base below the minimum' },
}

const distribution: Table = {
  id: 'distribution',
  title: 'Score distribution',
  columns: [
    col('groupType', 'Group type', 'text'),
    col('group', 'Group', 'text'),
    col('n', 'Respondents', 'integer'),
    ...[1, 2, 3, 4, 5].map((s) => col(`p${s}`, `Share ${s}`, 'percent')),
  ],
  rows: [
    ...['body', 'corp', 'portal'].map((group, i) => ({
      groupType: 'channel',
      group: `Channel ${group}`,
      n: 100 + i,
      p1: 0.1,
      p2: 0.1,
      p3: 0.2,
      p4: 0.2,
      p5: 0.4,
    })),
    { groupType: 'agency', group: '__proto__', n: 40, p1: 0, p2: 0.1, p3: 0.2, p4: 0.3, p5: 0.4 },
  ],
  total: {
    groupType: 'total',
    group: 'Total',
    n: 343,
    p1: 0.1,
    p2: 0.1,
    p3: 0.2,
    p4: 0.2,
    p5: 0.4,
  },
}

const aspects: Table = {
  id: 'aspects',
  title: 'Aspect scores',
  columns: [
    col('groupType', 'Group type', 'text'),
    col('group', 'Group', 'text'),
    col('n', 'Respondents', 'integer'),
    col('overall', 'Overall mean', 'decimal'),
    ...ASPECT_KEYS.map((key) => col(key, key, 'decimal')),
  ],
  rows: ['constructor', 'toString', 'Third'].map((group, i) => {
    const row: Record<string, Value> = { groupType: 'service', group, n: 50 + i, overall: 4.1 }
    ASPECT_KEYS.forEach((key, a) => {
      row[key] = a === 3 && i === 2 ? null : 3 + ((a + i) % 5) / 4
    })
    return row
  }),
  reasons: { '2.timeliness': 'no "timeliness" column' },
}

const regions: Table = {
  id: 'regions',
  title: 'Satisfaction by region',
  columns: [
    col('region', 'Region', 'text'),
    col('n', 'Respondents', 'integer'),
    col('satisfaction', 'Satisfaction', 'percent'),
  ],
  rows: ['__proto__', 'constructor', 'Astana'].map((region, i) => ({
    region,
    n: 30 + i,
    satisfaction: 0.5 + i / 10,
  })),
}

const drivers: Table = {
  id: 'drivers',
  // Longer than Excel's 31 characters, and the same 31 characters as the next one.
  title: 'Key drivers of satisfaction, by group',
  columns: [
    col('group', 'Group', 'text'),
    col('aspect', 'Aspect', 'text'),
    col('r', 'Correlation (r)', 'correlation'),
    col('significant', 'Significant'),
  ],
  rows: [
    { group: 'central', aspect: 'trust', r: 0.698, significant: true },
    { group: 'central', aspect: 'timeliness', r: -0.05, significant: false },
  ],
}

const channels: Table = {
  id: 'channels',
  title: 'Key drivers of satisfaction, by channel',
  columns: [col('service', 'Service', 'text'), col('diff', 'Difference', 'percent')],
  rows: [],
}

export function fixtureReport(): Report {
  return {
    engine: '0.1.0',
    summary: {
      respondents: 900,
      rated: 850,
      weighted: false,
      effectiveBase: null,
      satisfaction: 0.75,
      mean: 4.6,
      services: 5,
      issueCount: 1500,
      minBase: 30,
      locale: 'en',
      order: 'satisfaction',
      mapping: { service: 'Service', overall: 'Overall' },
    },
    tables: [rating, distribution, aspects, regions, drivers, channels],
    issues: [
      { row: 2, column: 'Overall', value: '9', reason: 'outside 1..5' },
      { row: 3, column: '__proto__', value: 'constructor', reason: 'not a score' },
      { row: 4, column: 'Overall', value: LONG_TEXT, reason: 'not a score' },
    ],
  }
}

export const FIXTURE_TIME = '2017-12-01T00:00:00.000Z'
