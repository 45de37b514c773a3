/** @module Every call the add-on makes on a stand-in, counted by "Class.method"; faults injected by count. */

export interface Fault {
  /** "Class.method", e.g. "Range.setValues". */
  call: string
  /** Throw on this call of it (1-based). */
  nth: number
  message: string
}

export class CallLog {
  readonly calls: string[] = []
  private readonly seen = new Map<string, number>()
  private faults: Fault[] = []

  record(call: string): void {
    this.calls.push(call)
    const n = (this.seen.get(call) ?? 0) + 1
    this.seen.set(call, n)
    const fault = this.faults.find((f) => f.call === call && f.nth === n)
    if (fault) throw new Error(fault.message)
  }

  failOn(fault: Fault): void {
    this.faults.push(fault)
  }

  /** Forget calls and faults, e.g. between two runs. */
  reset(): void {
    this.calls.length = 0
    this.seen.clear()
    this.faults = []
  }

  /** Calls per "Class.method", for the classes given (all when none). */
  tally(classes?: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {}
    for (const call of this.calls) {
      if (classes && !classes.includes(call.slice(0, call.indexOf('.')))) continue
      out[call] = (out[call] ?? 0) + 1
    }
    return out
  }

  count(classes?: readonly string[]): number {
    return Object.values(this.tally(classes)).reduce((a, b) => a + b, 0)
  }
}

/**
 * The stand-in seen through a proxy that records each method call as "Class.method".
 * Methods whose names start with `fake` are the tests' own window and are not counted.
 */
export function tracked<T extends object>(target: T, className: string, log: CallLog): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver)
      if (typeof value !== 'function' || typeof property !== 'string') return value
      // Run on the stand-in itself, so its own inner calls are not counted; hand the proxy
      // back where a method returns the stand-in, so chained calls are.
      if (property.startsWith('fake') || property === 'constructor') return value.bind(object)
      return (...args: unknown[]) => {
        log.record(`${className}.${property}`)
        const result = value.apply(object, args)
        return result === object ? receiver : result
      }
    },
  })
}
