/**
 * @module The functions Apps Script calls by name: menu items, triggers, the sidebar's
 * server functions and the custom functions. The build writes one top-level `function` for
 * each into Code.js, with these parameter names.
 */
import { FORMULAS } from './formulas/catalogue'

export const ENTRY_POINTS = {
  onOpen: ['event'],
  onInstall: ['event'],
  menuRegenerate: [],
  menuSettings: [],
  menuExamples: [],
  menuAbout: [],
  sidebarLoad: [],
  sidebarDetect: ['sheet'],
  sidebarSave: ['draft'],
} as const satisfies Record<string, readonly string[]>

export type EntryPointName = keyof typeof ENTRY_POINTS

/** Every public function and its parameters, formulas last. */
export function publicFunctions(): { name: string; params: readonly string[] }[] {
  return [
    ...Object.entries(ENTRY_POINTS).map(([name, params]) => ({ name, params })),
    ...FORMULAS.map((formula) => ({
      name: formula.name,
      params: formula.params.map((p) => p.name),
    })),
  ]
}
