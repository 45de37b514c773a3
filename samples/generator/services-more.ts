/**
 * @module Services beyond the 2017 monitoring's 55, for the samples of other waves: the 10-point
 * sample's 70 services (next year's wave "covers 70 services") and the "2016" wave's services
 * that 2017 does not have. Common public services of Kazakhstan with agencies as the 2017 sheet
 * writes them; illustrative, not taken from any report.
 */

export interface MoreService {
  code: number
  name: string
  agency: string
  level: 'central' | 'local'
}

const LOCAL = 'Жергілікті атқарушы органдар'

export const MORE_SERVICES: readonly MoreService[] = [
  { code: 56, name: 'Жеке басын куәландыратын құжаттарды беру', agency: 'Ішкі істер министрлігі' },
  { code: 57, name: 'Жүргізуші куәлігін беру', agency: 'Ішкі істер министрлігі' },
  { code: 58, name: 'Көлік құралдарын тіркеу', agency: 'Ішкі істер министрлігі' },
  {
    code: 59,
    name: 'Жылжымайтын мүлікке құқықтарды мемлекеттік тіркеу',
    agency: 'Әділет министрлігі',
  },
  { code: 60, name: 'Заңды тұлғаларды мемлекеттік тіркеу', agency: 'Әділет министрлігі' },
  { code: 61, name: 'Салық төлеуші ретінде тіркеу', agency: 'Қаржы министрлігі' },
  { code: 62, name: 'Сотталғандығы туралы анықтама беру', agency: 'Бас прокуратура' },
  {
    code: 63,
    name: 'Мүгедектікті белгілеу',
    agency: 'Еңбек және халықты әлеуметтік қорғау министрлігі',
  },
  {
    code: 64,
    name: 'Бала күтіміне байланысты әлеуметтік төлем тағайындау',
    agency: 'Еңбек және халықты әлеуметтік қорғау министрлігі',
  },
  { code: 65, name: 'Мектепке дейінгі ұйымдарға жолдама беру үшін кезекке қою', agency: LOCAL },
  { code: 66, name: 'Жұмыссыз ретінде тіркеу', agency: LOCAL },
  { code: 67, name: 'Неке қиюды тіркеу', agency: LOCAL },
  { code: 68, name: 'Тұрғын үй көмегін тағайындау', agency: LOCAL },
  { code: 69, name: 'Жер учаскесіне құқық беру', agency: LOCAL },
  { code: 70, name: 'Қайтыс болуды тіркеу', agency: LOCAL },
].map((s) => ({ ...s, level: s.agency === LOCAL ? 'local' : 'central' }))
