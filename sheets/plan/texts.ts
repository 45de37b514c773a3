/** @module The few words the sheet plan adds to the engine's labels, in the report's locales. */
import type { Locale } from '../../engine/index'

interface PlanTexts {
  smallBase: (minBase: number) => string
  issuesCaption: (listed: number, total: number) => string
  share: string
}

const TEXTS: Record<Locale, PlanTexts> = {
  kk: {
    smallBase: (n) => `Іріктеме аз (${n}-ден кем): рейтингке кірмейді`,
    issuesCaption: (listed, total) =>
      `Деректердегі қателер: барлығы ${total}, көрсетілгені ${listed}`,
    share: 'Үлес',
  },
  ru: {
    smallBase: (n) => `Малая выборка (меньше ${n}): не ранжируется`,
    issuesCaption: (listed, total) => `Ошибки в данных: всего ${total}, показано ${listed}`,
    share: 'Доля',
  },
  en: {
    smallBase: (n) => `Small base (under ${n}): not ranked`,
    issuesCaption: (listed, total) => `Data issues: ${total} in all, ${listed} listed`,
    share: 'Share',
  },
}

export type { PlanTexts }

export function planTexts(locale: Locale): PlanTexts {
  return TEXTS[locale] ?? TEXTS.kk
}
