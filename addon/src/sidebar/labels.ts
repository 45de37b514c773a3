/** @module What the sidebar calls each role, table, locale and order. */
import type { Locale, RatingOrder, Role, TableId } from '../../../engine/index'

export const ROLE_LABELS: Record<Role, string> = {
  service: 'Service',
  overall: 'Overall score',
  agency: 'Agency',
  level: 'Level (central / local)',
  region: 'Region',
  channel: 'Channel',
  age: 'Age',
  gender: 'Gender',
  infoAccess: 'Information access',
  infoClarity: 'Information clarity',
  documents: 'Documents',
  timeliness: 'Timeliness',
  staffCompetence: 'Staff competence',
  staffSpeed: 'Staff speed',
  staffCourtesy: 'Staff courtesy',
  trust: 'Trust',
  complaint: 'Complaint (yes/no)',
  informalPayment: 'Informal payment (yes/no)',
  connections: 'Connections (yes/no)',
  weight: 'Weight',
}

export const TABLE_LABELS: Record<TableId, string> = {
  rating: 'Service rating',
  distribution: 'Score distribution',
  aspects: 'Aspect scores',
  regions: 'Regions',
  barriers: 'Connections, payments, complaints',
  concern: 'Social-concern index',
  drivers: 'Key drivers',
  channels: 'State Corporation vs body',
  demographics: 'Age and gender',
  issues: 'Data issues',
}

export const LOCALE_LABELS: Record<Locale, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
}

export const ORDER_LABELS: Record<RatingOrder, string> = {
  satisfaction: 'Satisfaction (share of 5)',
  mean: 'Mean score',
  wilson: 'Lower end of 95% interval',
}
