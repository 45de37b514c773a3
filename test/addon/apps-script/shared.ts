/// <reference types="google-apps-script" />
/** @module What the SpreadsheetApp stand-ins share: cell state, the call log and realm, casts. */
import type { CallLog } from './calls'
import type { Realm } from './realm'

/** Stand-ins hand out other stand-ins where the interface names the real class. */
export const as = <T>(standIn: unknown): T => standIn as T

export interface CellState {
  value: string | number | boolean | Date
  formula: string
  format: string
  note: string
  weight: string
  color: string
  /** The link URL of a Rich Text value covering the whole cell; '' without one. */
  link: string
  wrap: boolean
}

export const AUTOMATIC = '0.###############'
export const blankCell = (): CellState => ({
  value: '',
  formula: '',
  format: AUTOMATIC,
  note: '',
  weight: 'normal',
  color: '#000000',
  link: '',
  wrap: false,
})

/** What the stand-ins share: the call log and the add-on's realm. */
export interface Env {
  log: CallLog
  realm: () => Realm
}
