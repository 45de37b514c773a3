/**
 * @module Bench piece: the Worker's CPU time per request inside workerd, from a CPU profile of
 * its isolate taken through wrangler dev's DevTools inspector (V8's sampling profiler, as
 * Cloudflare's "CPU time" counts the isolate's own work, not waiting for the network), with
 * the time split by phase: body, authentication, request checks, decoding, counting, tables,
 * the Sheets API plan, the answer's JSON.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'

/** Clock ticks per second of /proc's CPU times. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/**
 * CPU milliseconds (user + system, every thread) the workerd processes of a process group
 * have used so far, from /proc: the kernel's own accounting, beside the profile's sampling.
 */
export function workerdCpuMs(group: number): number {
  let ticks = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // the process has just exited
    }
    const process = readStat(stat)
    if (process.name === 'workerd' && process.group === group) ticks += process.ticks
  }
  return (ticks * 1000) / TICKS
}

/**
 * A /proc/PID/stat line's command name, process group and CPU clock ticks (utime + stime).
 * The name is in parentheses and may hold spaces and parentheses itself: the fields after
 * the last ")" are split on spaces: state, ppid, pgrp (proc(5) fields 3–5), …, utime and
 * stime (fields 14 and 15).
 */
export function readStat(stat: string): { name: string; group: number; ticks: number } {
  const close = stat.lastIndexOf(')')
  const fields = stat.slice(close + 2).split(' ')
  return {
    name: stat.slice(stat.indexOf('(') + 1, close),
    group: Number(fields[2]),
    ticks: Number(fields[11]) + Number(fields[12]),
  }
}

/** Microseconds between samples: fine enough for requests of a few milliseconds. */
const SAMPLING_US = 50

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Which phase a function belongs to, by the name the bundle keeps. */
const PHASES: [phase: string, names: RegExp][] = [
  ['auth', /^(verifyHmac|authenticate|verifyGoogle|hexBytes|importKey|verify|sign|digest)$/],
  [
    'body',
    /^(rawBody|readBody|parseJson|nestingBeyond|decodeBinaryBody|readLimited|view|arrayBuffer|decode)$/,
  ],
  [
    'request',
    /^(readReportRequest|readAggregateRequest|surveyOf|checkSurveyShape|cells|checkHeaderRow|optionsOf|readStates|readState|readTable|rowCount)$/,
  ],
  [
    'decode',
    /^(decodeSurvey|scan|sourcesOf|columnLength|badCode|findColumns|detectColumns|declaredColumns|checkAll)$/,
  ],
  [
    'count',
    /^(countColumns|countCells|cellIds|keysOf|countPeople|countChoice|squares|copySquares|stateOf|rakeColumns)$/,
  ],
  ['plan', /^(buildSheets|sheetRequests|sheetOf|requestsOf)$/],
  [
    'tables',
    /^(reportFromState|rollUp|people|choice|drivers|driverGroups|total|estimate|rest|resolve|rankRangesOf|\w+Table|ordered|compareLabels)$/,
  ],
  ['answer', /^(json|stringify|newResponse)$/],
]

export interface WorkerCpu {
  requests: number
  /** Isolate CPU per request (samples that are not idle), ms. */
  cpuMs: number
  /**
   * cpuMs split by phase; `gc` is garbage collection, `native` code outside any script frame,
   * `other` routing, middleware and the rest.
   */
  phases: Record<string, number>
}

/**
 * Profiles `requests` calls of `call` in the Worker behind `inspectorUrl` (after `warmup` calls
 * unprofiled), and returns its CPU per request and by phase.
 */
export async function workerCpu(
  inspectorUrl: string,
  call: () => Promise<Response>,
  { requests = 30, warmup = 10 } = {},
): Promise<WorkerCpu> {
  for (let i = 0; i < warmup; i++) await (await call()).arrayBuffer()
  const targets = (await (await fetch(`${inspectorUrl}/json`)).json()) as {
    webSocketDebuggerUrl?: string
  }[]
  const target = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl
  if (!target) throw new Error(`no inspector target at ${inspectorUrl}/json`)
  const devtools = await connect(target)
  try {
    await devtools.send('Profiler.enable')
    await devtools.send('Profiler.setSamplingInterval', { interval: SAMPLING_US })
    await devtools.send('Profiler.start')
    for (let i = 0; i < requests; i++) await (await call()).arrayBuffer()
    const { profile } = (await devtools.send('Profiler.stop')) as { profile: Profile }
    // SAPA_BENCH_PROFILE=dir keeps the raw profile (open it in Chrome's DevTools).
    const keep = process.env.SAPA_BENCH_PROFILE
    if (keep) writeFileSync(join(keep, `workerd-${Date.now()}.cpuprofile`), JSON.stringify(profile))
    return summarise(profile, requests)
  } finally {
    devtools.close()
  }
}

/** CPU per request and per phase from a profile: each sample's time goes to its phase. */
export function summarise(profile: Profile, requests: number): WorkerCpu {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const phaseOf = new Map<number, string | null>()
  const phase = (id: number): string | null => {
    const known = phaseOf.get(id)
    if (known !== undefined) return known
    const node = byId.get(id) as ProfileNode
    const name = node.callFrame.functionName
    if (name === '(idle)') return null
    // V8's own work: collecting garbage, and native code no script frame is on (parsing JSON
    // and writing it out run as builtins; HMAC and the body's bytes in the runtime).
    if (name === '(garbage collector)') return 'gc'
    if (name === '(program)') return 'native'
    let found: string | undefined
    for (const [p, names] of PHASES) {
      if (names.test(name)) {
        found = p
        break
      }
    }
    const up = parent.get(id)
    const result = found ?? (up === undefined ? 'other' : phase(up))
    phaseOf.set(id, result)
    return result
  }
  const phases: Record<string, number> = {}
  let cpu = 0
  profile.samples.forEach((id, i) => {
    const p = phase(id)
    if (p === null) return
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    cpu += ms
    phases[p] = (phases[p] ?? 0) + ms
  })
  for (const key of Object.keys(phases)) phases[key] = round(phases[key] / requests)
  return { requests, cpuMs: round(cpu / requests), phases }
}

const round = (x: number) => Math.round(x * 100) / 100

/** A minimal DevTools protocol client: one call at a time, by id. */
async function connect(url: string) {
  const socket = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  let next = 1
  const waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown }
    if (message.id !== undefined) waiting.get(message.id)?.(message)
  })
  return {
    send(method: string, params: object = {}): Promise<unknown> {
      const id = next++
      return new Promise((resolve, reject) => {
        waiting.set(id, (message) => {
          waiting.delete(id)
          if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`))
          else resolve(message.result)
        })
        socket.send(JSON.stringify({ id, method, params }))
      })
    },
    close: () => socket.close(),
  }
}
