/**
 * @module One report, written out by hand, that uses everything the sheet model holds: a
 * caption, notes (reasons, small bases, the tables' own notes), bold totals named by their
 * label, grey rows, every number format, machine keys the sheets leave out, ▲▼ columns, a rank
 * range, text that looks like a formula, booleans, blanks, survey labels named like
 * `Object.prototype`'s members, text longer than a cell holds, titles longer than Excel's 31
 * characters, the aspect colour scale, the per-service chapters with their links, the Weights
 * sheet, the bar charts and the drivers' scatter charts. The round-trip tests of every writer use it.
 */
import { ASPECTS, type Report, type Table, type Value } from '../../engine/index'

/** 60,000 characters: over both Sheets' 50,000 and Excel's 32,767. */
export const LONG_TEXT = `${'Ұзақ мәтін. '.repeat(5000)}`

/** Labels that are also names on every object's prototype. */
export const PROTOTYPE_LABELS = ['constructor', 'toString', '__proto__', 'hasOwnProperty']

const col = (key: string, label: string, format?: Table['columns'][number]['format']) => ({
  key,
  label,
  ...(format ? { format } : {}),
})

/** The significance note every table with ▲▼ carries. */
export const SIGNIFICANCE_NOTE = '▲ ▼: the group is above or below the rest at 95 % confidence.'

const rating: Table = {
  id: 'rating',
  title: 'Service rating',
  columns: [
    col('rank', 'Rank', 'integer'),
    col('rankLow', 'Best rank', 'integer'),
    col('rankHigh', 'Worst rank', 'integer'),
    col('service', 'Service', 'text'),
    col('agency', 'Agency', 'text'),
    col('n', 'Respondents', 'integer'),
    col('satisfaction', 'Satisfaction', 'percent'),
    col('mean', 'Mean score', 'decimal'),
    col('sigSatisfaction', 'Satisfaction vs the rest', 'sign'),
    col('sigMean', 'Mean vs the rest', 'sign'),
    col('smallBase', 'Small base'),
  ],
  rows: [
    ...PROTOTYPE_LABELS.map((service, i) => ({
      rank: i + 1,
      rankLow: [1, 1, 3, 3][i],
      rankHigh: [2, 2, 3, 4][i],
      service,
      agency: i === 1 ? LONG_TEXT : '=1+1',
      n: 200 - i,
      satisfaction: 0.9 - i / 10,
      mean: 4.8 - i / 10,
      sigSatisfaction: [1, 0, 0, -1][i],
      sigMean: [1, 1, null, -1][i],
      smallBase: false,
    })),
    {
      rank: null,
      rankLow: null,
      rankHigh: null,
      service: 'Rare',
      agency: 'valueOf',
      n: 12,
      satisfaction: null,
      mean: 4.5,
      sigSatisfaction: null,
      sigMean: 0,
      smallBase: true,
    },
  ],
  total: {
    rank: null,
    rankLow: null,
    rankHigh: null,
    service: 'Total',
    agency: null,
    n: 800,
    satisfaction: 0.75,
    mean: 4.6,
    sigSatisfaction: null,
    sigMean: null,
    smallBase: false,
  },
  reasons: {
    '4.satisfaction': 'base below the minimum',
    '2.sigMean': 'not testable: no variance',
    '4.rankLow': 'small base: not ranked',
  },
  notes: [SIGNIFICANCE_NOTE],
}

const distribution: Table = {
  id: 'distribution',
  title: 'Score distribution',
  columns: [
    col('groupType', 'Group type', 'text'),
    col('group', 'Group', 'key'),
    col('label', 'Name', 'text'),
    col('n', 'Respondents', 'integer'),
    ...[1, 2, 3, 4, 5].map((s) => col(`p${s}`, `Share ${s}`, 'percent')),
    ...[1, 2, 3, 4, 5].map((s) => col(`n${s}`, `Count ${s}`, 'integer')),
  ],
  rows: [
    ...['body', 'corp', 'portal'].map((group, i) => ({
      groupType: 'channel',
      group,
      label: `Channel ${group}`,
      n: 100 + i,
      ...shares(0.1, 0.1, 0.2, 0.2, 0.4),
      ...counts(10, 10, 20, 20, 40 + i),
    })),
    {
      groupType: 'agency',
      group: '__proto__',
      label: '__proto__',
      n: 40,
      ...shares(0, 0.1, 0.2, 0.3, 0.4),
      ...counts(0, 4, 8, 12, 16),
    },
    // The chapters' distributions: a bar of █ per 5 % of a share, eighths of one at its end.
    {
      groupType: 'service',
      group: 'constructor',
      label: 'constructor',
      n: 200,
      ...shares(0, 0.0125, 0.1, 0.3875, 0.5),
      ...counts(0, 2.5, 20, 77.5, 100),
    },
    {
      groupType: 'service',
      group: 'toString',
      label: 'toString',
      n: 12,
      ...shares(0.25, 0, 0, 0.25, 0.5),
      ...counts(3, 0, 0, 3, 6),
    },
  ],
  total: {
    groupType: 'total',
    group: 'total',
    label: 'All channels',
    n: 343,
    ...shares(0.1, 0.1, 0.2, 0.2, 0.4),
    ...counts(34, 34, 69, 69, 137),
  },
}

function shares(...values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value]))
}

function counts(...values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((value, i) => [`n${i + 1}`, value]))
}

const aspects: Table = {
  id: 'aspects',
  title: 'Aspect scores',
  columns: [
    col('groupType', 'Group type', 'text'),
    col('group', 'Group', 'key'),
    col('label', 'Name', 'text'),
    col('n', 'Respondents', 'integer'),
    col('overall', 'Overall mean', 'decimal'),
    ...ASPECTS.map((key) => col(key, key, 'decimal')),
  ],
  rows: ['constructor', 'toString', 'Third'].map((group, i) => {
    const row: Record<string, Value> = {
      groupType: 'service',
      group,
      label: group,
      n: 50 + i,
      overall: 4.1,
    }
    ASPECTS.forEach((key, a) => {
      row[key] = a === 3 && i === 2 ? null : 3 + ((a + i) % 5) / 4
    })
    return row
  }),
  reasons: { '2.timeliness': 'no "timeliness" column' },
}

/** The chapters' places: satisfaction, mean and aspects at each place of a service. */
const places: Table = {
  id: 'places',
  title: 'By place of service',
  columns: [
    col('service', 'Service', 'text'),
    col('channel', 'Place', 'key'),
    col('label', 'Name', 'text'),
    col('n', 'Respondents', 'integer'),
    col('satisfaction', 'Satisfaction', 'percent'),
    col('mean', 'Mean score', 'decimal'),
    col('sigSatisfaction', 'Satisfaction vs the other places', 'sign'),
    ...ASPECTS.map((key) => col(key, key, 'decimal')),
  ],
  rows: [
    ['constructor', 'body', 'State body', 120, 0.6, 4.4, -1],
    ['constructor', 'corp', 'State Corporation', 80, 0.8, 4.7, 1],
    ['toString', 'portal', 'E-government portal', 12, 0.5, 4.25, null],
  ].map(([service, channel, label, n, satisfaction, mean, sign], i) => {
    const row: Record<string, Value> = {
      service,
      channel,
      label,
      n,
      satisfaction,
      mean,
      sigSatisfaction: sign,
    }
    ASPECTS.forEach((key, a) => {
      row[key] = 4 + ((a * 3 + i) % 8) / 10
    })
    return row
  }),
  reasons: { '2.sigSatisfaction': 'not testable: one place only' },
  notes: [SIGNIFICANCE_NOTE, "Each place is compared with the same service's other places."],
}

const regions: Table = {
  id: 'regions',
  title: 'Satisfaction by region',
  columns: [
    col('region', 'Region', 'text'),
    col('n', 'Respondents', 'integer'),
    col('satisfaction', 'Satisfaction', 'percent'),
    col('corpSatisfaction', 'State Corporation: satisfaction', 'percent'),
    col('sigSatisfaction', 'Satisfaction vs the rest', 'sign'),
    col('corpSigSatisfaction', 'State Corporation: satisfaction vs the rest', 'sign'),
  ],
  rows: ['__proto__', 'constructor', 'Astana'].map((region, i) => ({
    region,
    n: 30 + i,
    satisfaction: 0.5 + i / 10,
    corpSatisfaction: 0.6,
    sigSatisfaction: [-1, 0, 1][i],
    corpSigSatisfaction: 0,
  })),
  total: {
    region: 'total',
    label: 'All regions',
    n: 93,
    satisfaction: 0.6,
    corpSatisfaction: 0.6,
    sigSatisfaction: null,
    corpSigSatisfaction: null,
  },
  notes: [SIGNIFICANCE_NOTE],
}

const barriers: Table = {
  id: 'barriers',
  title: 'Connections, informal payments and complaints',
  columns: [
    col('groupType', 'Group type', 'text'),
    col('group', 'Group', 'key'),
    col('label', 'Name', 'text'),
    col('n', 'Respondents', 'integer'),
    col('connections', 'Personal connections', 'percent'),
    col('complaints', 'Complaints', 'percent'),
  ],
  rows: [
    {
      groupType: 'service',
      group: 'constructor',
      label: 'constructor',
      n: 205,
      connections: 0.02,
      complaints: 0.05,
    },
    {
      groupType: 'service',
      group: 'toString',
      label: 'toString',
      n: 12,
      connections: 0,
      complaints: null,
    },
  ],
  reasons: { '1.complaints': 'nobody answered' },
}

const drivers: Table = {
  id: 'drivers',
  // Longer than Excel's 31 characters, and the same 31 characters as the next one.
  title: 'Key drivers of satisfaction, by group',
  columns: [
    col('group', 'Group', 'key'),
    col('label', 'Name', 'text'),
    col('aspect', 'Aspect', 'key'),
    col('aspectLabel', 'Aspect', 'text'),
    col('r', 'Correlation (r)', 'correlation'),
    col('n', 'Respondents', 'integer'),
    col('importance', 'Relative importance', 'percent'),
    col('mean', 'Mean score', 'decimal'),
  ],
  rows: [
    ['central', 'Central bodies', 'trust', 'Trust', 0.698, 300, 0.6, 4.5],
    ['central', 'Central bodies', 'timeliness', 'Timeliness', -0.05, 290, 0.4, 4.3],
    ['total', 'Total', 'timeliness', 'Timeliness', 0.5, 500, 0.25, 4.2],
    ['total', 'Total', 'trust', 'Trust', 0.6, 510, 0.75, 4.6],
  ].map(([group, label, aspect, aspectLabel, r, n, importance, mean]) => ({
    group,
    label,
    aspect,
    aspectLabel,
    r,
    n,
    importance,
    mean,
  })),
  notes: ['Central bodies: R² = 0.50'],
}

const channels: Table = {
  id: 'channels',
  title: 'Key drivers of satisfaction, by channel',
  columns: [col('service', 'Service', 'text'), col('diff', 'Difference', 'percent')],
  rows: [],
}

const demographics: Table = {
  id: 'demographics',
  title: 'By age and gender',
  columns: [
    col('service', 'Service', 'text'),
    col('dimension', 'Dimension', 'text'),
    col('band', 'Band', 'key'),
    col('label', 'Name', 'text'),
    col('n', 'Respondents', 'integer'),
    col('satisfaction', 'Satisfaction', 'percent'),
  ],
  rows: [
    { service: null, dimension: 'age', band: '18-29', label: '18-29', n: 400, satisfaction: 0.7 },
    {
      service: 'constructor',
      dimension: 'age',
      band: '18-29',
      label: '18-29',
      n: 150,
      satisfaction: 0.72,
    },
    {
      service: 'constructor',
      dimension: 'gender',
      band: 'female',
      label: 'Female',
      n: 20,
      satisfaction: 0.65,
    },
  ],
}

/** Two waves: a service of this wave only (listed last on the sheet), two compared. */
const waves: Table = {
  id: 'waves',
  title: 'Against the previous wave',
  columns: [
    col('service', 'Service', 'text'),
    col('satisfaction', 'Satisfaction', 'percent'),
    col('previousSatisfaction', 'Previous: satisfaction', 'percent'),
    col('change', 'Change in satisfaction', 'percent'),
    col('sigChange', 'Satisfaction change significant', 'sign'),
  ],
  rows: [
    {
      service: 'New',
      satisfaction: 0.7,
      previousSatisfaction: null,
      change: null,
      sigChange: null,
    },
    {
      service: 'constructor',
      satisfaction: 0.9,
      previousSatisfaction: 0.8,
      change: 0.1,
      sigChange: 1,
    },
    {
      service: 'toString',
      satisfaction: 0.6,
      previousSatisfaction: 0.65,
      change: -0.05,
      sigChange: 0,
    },
  ],
  total: {
    service: 'total',
    label: 'Total (common services)',
    satisfaction: 0.8,
    previousSatisfaction: 0.75,
    change: 0.05,
    sigChange: 1,
  },
  reasons: { '0.change': 'assessed in this wave only: not compared' },
  notes: [SIGNIFICANCE_NOTE, 'Total: over the services both waves assessed.'],
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
      scale: { min: 1, max: 5 },
      questions: [],
      unused: [],
      weighting: {
        margins: [
          { role: 'region', category: 'Astana', target: 0.4, achieved: 0.4, sample: 0.5 },
          { role: 'region', category: 'constructor', target: 0.6, achieved: 0.6, sample: 0.5 },
          { role: 'gender', category: 'female', target: 0.52, achieved: 0.52, sample: 0.6 },
          { role: 'level', category: 'local', target: 0.5, achieved: 0.49, sample: 0.45 },
        ],
        iterations: 7,
        converged: true,
        maxError: 0.0001,
        efficiency: 0.8,
        designEffect: 1.25,
        minWeight: 0.5,
        maxWeight: 2.5,
        trimmed: 3,
        outside: 0,
      },
    },
    tables: [
      rating,
      distribution,
      aspects,
      places,
      regions,
      barriers,
      drivers,
      channels,
      demographics,
      waves,
    ],
    issues: [
      { row: 2, column: 'Overall', value: '9', reason: 'outside 1..5' },
      { row: 3, column: '__proto__', value: 'constructor', reason: 'not a score' },
      { row: 4, column: 'Overall', value: LONG_TEXT, reason: 'not a score' },
    ],
  }
}

export const FIXTURE_TIME = '2017-12-01T00:00:00.000Z'
