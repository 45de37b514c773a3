/** @module The few words the sheets add to the engine's labels, in the report's locales. */
import type { Locale } from '../../engine/index'

export interface SheetTexts {
  smallBase: (minBase: number) => string
  issuesCaption: (listed: number, total: number) => string
  share: string
  /** The note on a cell whose text was longer than the platform holds. */
  cut: (length: number, limit: number, platform: string) => string
}

const TEXTS: Record<Locale, SheetTexts> = {
  kk: {
    smallBase: (n) => `Іріктеме аз (${n}-ден кем): рейтингке кірмейді`,
    issuesCaption: (listed, total) =>
      `Деректердегі қателер: барлығы ${total}, көрсетілгені ${listed}`,
    share: 'Үлес',
    cut: (length, limit, platform) =>
      `Мәтін ${length} таңбадан ${limit} таңбаға дейін қысқартылды: ${platform} ұяшығына одан көп сыймайды`,
  },
  ru: {
    smallBase: (n) => `Малая выборка (меньше ${n}): не ранжируется`,
    issuesCaption: (listed, total) => `Ошибки в данных: всего ${total}, показано ${listed}`,
    share: 'Доля',
    cut: (length, limit, platform) =>
      `Текст сокращён с ${length} до ${limit} символов: больше ячейка ${platform} не вмещает`,
  },
  en: {
    smallBase: (n) => `Small base (under ${n}): not ranked`,
    issuesCaption: (listed, total) => `Data issues: ${total} in all, ${listed} listed`,
    share: 'Share',
    cut: (length, limit, platform) =>
      `Text cut from ${length} to ${limit} characters: a ${platform} cell holds no more`,
  },
}

export function sheetTexts(locale: Locale): SheetTexts {
  return Object.hasOwn(TEXTS, locale) ? TEXTS[locale] : TEXTS.kk
}
