/** @module What the sidebar calls each role, table, locale and order, in the sidebar's language. */
import {
  type Locale,
  type RatingOrder,
  type Role,
  TABLE_IDS,
  type TableId,
  TITLES,
} from '../../../engine/index'
import { orderKey, roleKey, type Translate } from '../shared/messages'

export const LOCALE_LABELS: Record<Locale, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
}

export const roleLabel = (t: Translate, role: Role) => t(roleKey(role))
export const orderLabel = (t: Translate, order: RatingOrder) => t(orderKey(order))

/** A table by the title its sheet gets in the report, in the sidebar's language. */
export function tableLabel(locale: Locale, id: TableId): string {
  return TABLE_IDS.includes(id) ? TITLES[id][locale] : id
}
