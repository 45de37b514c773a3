/**
 * @module Every word the add-on shows (menu, sidebar, dialogs, toasts, errors) in Kazakh, Russian
 * and English, and the choice of language: the report language saved in Settings, else the
 * spreadsheet's locale, else the user's, else English.
 */
import { LOCALES, type Locale, type RatingOrder, type Role } from '../../../engine/index'

/** The language `text` names ("kk", " RU "), or null: the engine's `LOCALES` are the choices. */
export function parseLocale(text: string): Locale | null {
  const name = text.trim().toLowerCase()
  return LOCALES.find((locale) => locale === name) ?? null
}

/** The languages as an error message lists them: `"kk", "ru" or "en"` (`quote` around each). */
export function localeChoices(quote = '"'): string {
  const names = LOCALES.map((locale) => `${quote}${locale}${quote}`)
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

const EN = {
  'menu.regenerate': 'Regenerate report',
  'menu.settings': 'Settings',
  'menu.examples': 'Insert formula examples',
  'menu.about': 'About',

  'toast.scoring': 'Scoring {n} responses…',
  'toast.writing': 'Writing {n} sheets…',
  'toast.done': 'Done in {seconds} s',
  'toast.stopped': 'Stopped: nothing was changed',
  'toast.problem': 'Stopped: see the message',

  'busy.title': 'Sapa is busy',
  'busy.message': 'A report is already being generated in this spreadsheet.',
  'setup.title': 'Sapa is not set up',
  'setup.message': 'Open Sapa › Settings, check the columns and enter the Worker URL.',
  'noSheet.title': 'Responses not found',
  'noSheet.message': 'There is no sheet "{sheet}". Choose the responses sheet in Sapa › Settings.',
  'badUrl.title': 'The Worker URL cannot be used',
  'badUrl.message': '{reason} Change it in Sapa › Settings. Nothing was changed.',
  'noToken.title': 'No Google sign-in token',
  'noToken.message':
    'Apps Script gave no identity token, so the Worker cannot know who is calling. Close and reopen the spreadsheet and allow Sapa when asked; if this stays, the add-on lacks the "openid" scope. Nothing was changed.',

  'worker.noAnswer.title': 'The Sapa Worker did not answer',
  'worker.noAnswer.message':
    '{url}: {error}. Check the Worker URL in Sapa › Settings and try again. Nothing was changed.',
  'worker.broken.title': 'The Sapa Worker sent a broken answer',
  'worker.notJson': 'The answer of {name} is not valid JSON ({n} characters). Nothing was changed.',
  'worker.noTables': 'The answer of {name} has no tables. Nothing was changed.',
  'worker.noState': 'The answer of {name} has no state. Nothing was changed.',
  'worker.400': 'Sapa cannot read the responses',
  'worker.401': 'The Sapa Worker refused your account',
  'worker.401.hint':
    'Ask the Worker’s administrator to allow your Google account (ALLOWED_EMAILS / ALLOWED_DOMAINS).',
  'worker.413': 'The survey is too large for the Sapa Worker',
  'worker.422': 'No valid responses',
  'worker.failed': 'The Sapa Worker failed (HTTP {status})',
  'worker.rows': 'rows {first}–{last}',
  nothingChanged: 'Nothing was changed.',

  'write.title': 'The report could not be written',
  'write.partialTitle': 'The report was written, with a problem',
  'swap.untouched': '{error}. The previous report is as it was.',
  'swap.leftovers':
    '{n} unfinished sheets could not be deleted: {names}. They are marked as Sapa’s: the next run deletes them.',
  'swap.oldKept':
    'The previous report’s sheets could not be deleted ({error}); is one protected? The new sheets were removed again, so the previous report is as it was; the next run will try again.',
  'swap.partial':
    'The new report is written, but {n} sheets of the previous report could not be deleted: {names} ({error}). They are still marked as Sapa’s: the next run will try to delete them again.',
  'swap.unnamed':
    'The new report is written, but {n} sheets could not be given their names: {names} ({error}). Rename them yourself, or run again: the next run replaces them.',

  'examples.sheet': 'Sapa formulas',
  'examples.heading': 'Sapa formulas over "{sheet}"',
  'examples.noResponses': 'Choose the responses sheet in Sapa › Settings.',
  'examples.noOverall.title': 'No overall score',
  'examples.noOverall.message': 'Map the overall score column in Sapa › Settings.',
  'example.satisfaction': 'Satisfaction (share of 5)',
  'example.satisfactionTop2': 'Satisfaction, top-2 definition',
  'example.top2': 'Top-2 box',
  'example.mean': 'Mean score',
  'example.score10': '10-point score',
  'example.respondents': 'Respondents (base)',
  'example.distribution': 'Distribution of 1..5 (spills 5 cells)',
  'example.interval': 'Satisfaction 95% interval (spills 2 cells)',
  'example.concern': 'Social-concern index',
  'example.channelSatisfaction': 'Satisfaction: {channel}',
  'example.channelMean': 'Mean score: {channel}',
  'example.drivers': 'Key drivers (spills a table)',
  'example.rating': 'Service rating (spills a table)',

  'about.title': 'About Sapa',
  'about.body': 'Add-on engine {engine}\nWorker {worker}',
  'about.noUrl': 'no Worker URL set (Sapa › Settings)',
  'about.version': '{url}: engine {version}',
  'about.differs': ' (differs from the add-on’s: formulas and reports may disagree)',
  'about.unreachable': '{url}: not reachable ({error})',

  'sidebar.title': 'Sapa',
  'sidebar.loading': 'Loading settings…',
  'sidebar.loadFailed': 'Sapa could not load its settings: {error}',
  'sidebar.sheet': 'Responses sheet',
  'sidebar.columns': 'Columns',
  'sidebar.report': 'Report',
  'sidebar.locale': 'Language of the report and of Sapa',
  'sidebar.minBase': 'Minimum base',
  'sidebar.order': 'Rating order',
  'sidebar.tables': 'Tables',
  'sidebar.workerUrl': 'Worker URL',
  'sidebar.save': 'Save',
  'sidebar.none': '— none —',
  'sidebar.saving': 'Saving…',
  'sidebar.saved': 'Saved',
  'sidebar.fix': 'Fix the fields marked in red',
  'sidebar.notSaved': 'Not saved: fix the fields marked in red',
  'sidebar.notSavedError': 'Not saved: {error}',
  'sidebar.readingHeader': 'Reading the header row…',
  'sidebar.couldNotRead': 'Could not read "{sheet}": {error}',
  'sidebar.engine': 'Sapa · engine {engine}',

  'error.sheet': 'Choose the sheet of responses',
  'error.required': 'Required: choose its column',
  'error.notInHeader': 'Column "{header}" is not in the header row',
  'error.usedFor': 'Column "{header}" is already used for "{role}"',
  'error.locale': 'Choose kk, ru or en',
  'error.minBase': 'Minimum base must be a whole number from 1 to {max}',
  'error.order': 'Choose one of the orders',
  'error.tables': 'Choose at least one table',
  'url.empty': 'Enter the Worker URL, e.g. https://sapa.example.workers.dev',
  'url.notUrl': 'Not a URL: it starts with https:// and has no spaces',
  'url.http':
    'Use https://: Google’s servers make the call, and a deployed add-on may fetch only https addresses',
  'url.loopback':
    '{host} is a computer’s own address: Google’s servers make the call and cannot reach it. Enter the deployed Worker’s https address',
  'url.notAllowed':
    'This add-on may call only {allowed} (the urlFetchWhitelist of its manifest): ask whoever built it to add this Worker',
  'detect.missing': 'No column found for "{role}": choose it below',
  'detect.noSheet': 'No sheet "{sheet}"',
  'detect.noResponses': 'This spreadsheet has no sheet of responses',

  'role.service': 'Service',
  'role.overall': 'Overall score',
  'role.agency': 'Agency',
  'role.level': 'Level (central / local)',
  'role.region': 'Region',
  'role.channel': 'Channel',
  'role.age': 'Age',
  'role.gender': 'Gender',
  'role.infoAccess': 'Information access',
  'role.infoClarity': 'Information clarity',
  'role.documents': 'Documents',
  'role.timeliness': 'Timeliness',
  'role.staffCompetence': 'Staff competence',
  'role.staffSpeed': 'Staff speed',
  'role.staffCourtesy': 'Staff courtesy',
  'role.trust': 'Trust',
  'role.complaint': 'Complaint (yes/no)',
  'role.informalPayment': 'Informal payment (yes/no)',
  'role.connections': 'Connections (yes/no)',
  'role.weight': 'Weight',

  'order.satisfaction': 'Satisfaction (share of 5)',
  'order.mean': 'Mean score',
  'order.wilson': 'Lower end of the 95% interval',
} as const

export type MessageKey = keyof typeof EN
export type Messages = Record<MessageKey, string>

const KK: Messages = {
  'menu.regenerate': 'Есепті қайта құру',
  'menu.settings': 'Баптаулар',
  'menu.examples': 'Формула мысалдарын қою',
  'menu.about': 'Sapa туралы',

  'toast.scoring': '{n} жауап есептелуде…',
  'toast.writing': '{n} парақ жазылуда…',
  'toast.done': '{seconds} с ішінде дайын',
  'toast.stopped': 'Тоқтатылды: ештеңе өзгерген жоқ',
  'toast.problem': 'Тоқтатылды: хабарламаны қараңыз',

  'busy.title': 'Sapa бос емес',
  'busy.message': 'Бұл кестеде есеп қазір құрылып жатыр.',
  'setup.title': 'Sapa бапталмаған',
  'setup.message':
    'Sapa › Баптаулар бөлімін ашып, бағандарды тексеріңіз және Worker мекенжайын енгізіңіз.',
  'noSheet.title': 'Жауаптар табылмады',
  'noSheet.message': '«{sheet}» парағы жоқ. Жауаптар парағын Sapa › Баптаулар бөлімінде таңдаңыз.',
  'badUrl.title': 'Worker мекенжайын пайдалану мүмкін емес',
  'badUrl.message': '{reason} Оны Sapa › Баптаулар бөлімінде өзгертіңіз. Ештеңе өзгерген жоқ.',
  'noToken.title': 'Google кіру токені жоқ',
  'noToken.message':
    'Apps Script сәйкестендіру токенін бермеді, сондықтан Worker кім шақырып тұрғанын біле алмайды. Кестені жауып, қайта ашыңыз және Sapa сұрағанда рұқсат беріңіз; бұл қайталанса, қондырмада «openid» рұқсат аясы жоқ. Ештеңе өзгерген жоқ.',

  'worker.noAnswer.title': 'Sapa Worker жауап бермеді',
  'worker.noAnswer.message':
    '{url}: {error}. Sapa › Баптаулар бөлімінде Worker мекенжайын тексеріп, қайталап көріңіз. Ештеңе өзгерген жоқ.',
  'worker.broken.title': 'Sapa Worker бүлінген жауап жіберді',
  'worker.notJson': '{name} жауабы жарамды JSON емес ({n} таңба). Ештеңе өзгерген жоқ.',
  'worker.noTables': '{name} жауабында кестелер жоқ. Ештеңе өзгерген жоқ.',
  'worker.noState': '{name} жауабында күй (state) жоқ. Ештеңе өзгерген жоқ.',
  'worker.400': 'Sapa жауаптарды оқи алмайды',
  'worker.401': 'Sapa Worker сіздің аккаунтыңызды қабылдамады',
  'worker.401.hint':
    'Worker әкімшісінен Google аккаунтыңызға рұқсат беруін сұраңыз (ALLOWED_EMAILS / ALLOWED_DOMAINS).',
  'worker.413': 'Сауалнама Sapa Worker үшін тым үлкен',
  'worker.422': 'Жарамды жауаптар жоқ',
  'worker.failed': 'Sapa Worker қатесі (HTTP {status})',
  'worker.rows': '{first}–{last} жолдар',
  nothingChanged: 'Ештеңе өзгерген жоқ.',

  'write.title': 'Есепті жазу мүмкін болмады',
  'write.partialTitle': 'Есеп жазылды, бірақ ақаумен',
  'swap.untouched': '{error}. Алдыңғы есеп өзгерген жоқ.',
  'swap.leftovers':
    'Аяқталмаған {n} парақты жою мүмкін болмады: {names}. Олар Sapa парақтары ретінде белгіленген: келесі іске қосу оларды жояды.',
  'swap.oldKept':
    'Алдыңғы есептің парақтарын жою мүмкін болмады ({error}); біреуі қорғалған ба? Жаңа парақтар қайта жойылды, алдыңғы есеп өзгерген жоқ; келесі іске қосу қайта әрекет етеді.',
  'swap.partial':
    'Жаңа есеп жазылды, бірақ алдыңғы есептің {n} парағын жою мүмкін болмады: {names} ({error}). Олар әлі Sapa парақтары ретінде белгіленген: келесі іске қосу оларды жоюға қайта әрекет етеді.',
  'swap.unnamed':
    'Жаңа есеп жазылды, бірақ {n} параққа атау беру мүмкін болмады: {names} ({error}). Оларды өзіңіз қайта атаңыз немесе қайта іске қосыңыз: келесі іске қосу оларды ауыстырады.',

  'examples.sheet': 'Sapa формулалары',
  'examples.heading': '«{sheet}» бойынша Sapa формулалары',
  'examples.noResponses': 'Жауаптар парағын Sapa › Баптаулар бөлімінде таңдаңыз.',
  'examples.noOverall.title': 'Жалпы баға жоқ',
  'examples.noOverall.message': 'Жалпы баға бағанын Sapa › Баптаулар бөлімінде таңдаңыз.',
  'example.satisfaction': 'Қанағаттанушылық («5» үлесі)',
  'example.satisfactionTop2': 'Қанағаттанушылық, top-2 анықтамасы',
  'example.top2': '«4» және «5» үлесі (top-2)',
  'example.mean': 'Орташа балл',
  'example.score10': '10 балдық баға',
  'example.respondents': 'Респонденттер саны (іріктеме)',
  'example.distribution': '1..5 бағаларының бөлінуі (5 ұяшыққа жайылады)',
  'example.interval': 'Қанағаттанушылықтың 95% аралығы (2 ұяшыққа жайылады)',
  'example.concern': 'Әлеуметтік алаңдаушылық индексі',
  'example.channelSatisfaction': 'Қанағаттанушылық: {channel}',
  'example.channelMean': 'Орташа балл: {channel}',
  'example.drivers': 'Негізгі факторлар (кесте жайылады)',
  'example.rating': 'Қызметтер рейтингі (кесте жайылады)',

  'about.title': 'Sapa туралы',
  'about.body': 'Қондырманың қозғалтқышы {engine}\nWorker {worker}',
  'about.noUrl': 'Worker мекенжайы енгізілмеген (Sapa › Баптаулар)',
  'about.version': '{url}: қозғалтқыш {version}',
  'about.differs': ' (қондырманікінен өзгеше: формулалар мен есептер сәйкес келмеуі мүмкін)',
  'about.unreachable': '{url}: қолжетімсіз ({error})',

  'sidebar.title': 'Sapa',
  'sidebar.loading': 'Баптаулар жүктелуде…',
  'sidebar.loadFailed': 'Sapa баптауларын жүктей алмады: {error}',
  'sidebar.sheet': 'Жауаптар парағы',
  'sidebar.columns': 'Бағандар',
  'sidebar.report': 'Есеп',
  'sidebar.locale': 'Есептің және Sapa тілі',
  'sidebar.minBase': 'Ең аз іріктеме',
  'sidebar.order': 'Рейтинг реті',
  'sidebar.tables': 'Кестелер',
  'sidebar.workerUrl': 'Worker мекенжайы',
  'sidebar.save': 'Сақтау',
  'sidebar.none': '— жоқ —',
  'sidebar.saving': 'Сақталуда…',
  'sidebar.saved': 'Сақталды',
  'sidebar.fix': 'Қызылмен белгіленген өрістерді түзетіңіз',
  'sidebar.notSaved': 'Сақталмады: қызылмен белгіленген өрістерді түзетіңіз',
  'sidebar.notSavedError': 'Сақталмады: {error}',
  'sidebar.readingHeader': 'Тақырып жолы оқылуда…',
  'sidebar.couldNotRead': '«{sheet}» парағын оқу мүмкін болмады: {error}',
  'sidebar.engine': 'Sapa · қозғалтқыш {engine}',

  'error.sheet': 'Жауаптар парағын таңдаңыз',
  'error.required': 'Міндетті: бағанын таңдаңыз',
  'error.notInHeader': '«{header}» бағаны тақырып жолында жоқ',
  'error.usedFor': '«{header}» бағаны «{role}» үшін пайдаланылып тұр',
  'error.locale': 'kk, ru немесе en таңдаңыз',
  'error.minBase': 'Ең аз іріктеме 1-ден {max} дейінгі бүтін сан болуы керек',
  'error.order': 'Реттердің бірін таңдаңыз',
  'error.tables': 'Кем дегенде бір кестені таңдаңыз',
  'url.empty': 'Worker мекенжайын енгізіңіз, мысалы https://sapa.example.workers.dev',
  'url.notUrl': 'Бұл мекенжай емес: ол https:// деп басталады және бос орынсыз болады',
  'url.http':
    'https:// пайдаланыңыз: шақыруды Google серверлері жасайды, ал орналастырылған қондырма тек https мекенжайларына жүгіне алады',
  'url.loopback':
    '{host} — компьютердің өз мекенжайы: шақыруды Google серверлері жасайды және оған жете алмайды. Орналастырылған Worker-дің https мекенжайын енгізіңіз',
  'url.notAllowed':
    'Бұл қондырма тек {allowed} мекенжайларына жүгіне алады (манифестегі urlFetchWhitelist): оны құрастырған адамнан осы Worker-ді қосуын сұраңыз',
  'detect.missing': '«{role}» үшін баған табылмады: оны төменде таңдаңыз',
  'detect.noSheet': '«{sheet}» парағы жоқ',
  'detect.noResponses': 'Бұл кестеде жауаптар парағы жоқ',

  'role.service': 'Қызмет',
  'role.overall': 'Жалпы баға',
  'role.agency': 'Мемлекеттік орган',
  'role.level': 'Деңгей (орталық / жергілікті)',
  'role.region': 'Өңір',
  'role.channel': 'Арна',
  'role.age': 'Жас',
  'role.gender': 'Жыныс',
  'role.infoAccess': 'Ақпараттың қолжетімділігі',
  'role.infoClarity': 'Ақпараттың айқындылығы',
  'role.documents': 'Құжаттар',
  'role.timeliness': 'Мерзімдер',
  'role.staffCompetence': 'Қызметкерлердің біліктілігі',
  'role.staffSpeed': 'Қызметкерлердің жылдамдығы',
  'role.staffCourtesy': 'Қызметкерлердің сыпайылығы',
  'role.trust': 'Сенім',
  'role.complaint': 'Шағым (иә/жоқ)',
  'role.informalPayment': 'Бейресми сыйақы (иә/жоқ)',
  'role.connections': 'Тамыр-таныстар (иә/жоқ)',
  'role.weight': 'Салмақ',

  'order.satisfaction': 'Қанағаттанушылық («5» үлесі)',
  'order.mean': 'Орташа балл',
  'order.wilson': '95% аралықтың төменгі шегі',
}

const RU: Messages = {
  'menu.regenerate': 'Пересоздать отчёт',
  'menu.settings': 'Настройки',
  'menu.examples': 'Вставить примеры формул',
  'menu.about': 'О Sapa',

  'toast.scoring': 'Расчёт по ответам: {n}…',
  'toast.writing': 'Запись листов: {n}…',
  'toast.done': 'Готово за {seconds} с',
  'toast.stopped': 'Остановлено: ничего не изменено',
  'toast.problem': 'Остановлено: см. сообщение',

  'busy.title': 'Sapa занята',
  'busy.message': 'В этой таблице уже создаётся отчёт.',
  'setup.title': 'Sapa не настроена',
  'setup.message': 'Откройте Sapa › Настройки, проверьте столбцы и введите адрес Worker.',
  'noSheet.title': 'Ответы не найдены',
  'noSheet.message': 'Листа «{sheet}» нет. Выберите лист ответов в Sapa › Настройки.',
  'badUrl.title': 'Адрес Worker нельзя использовать',
  'badUrl.message': '{reason} Измените его в Sapa › Настройки. Ничего не изменено.',
  'noToken.title': 'Нет токена входа Google',
  'noToken.message':
    'Apps Script не выдал токен идентификации, поэтому Worker не может узнать, кто обращается. Закройте и снова откройте таблицу и разрешите Sapa доступ, когда она попросит; если это повторяется, у дополнения нет области доступа «openid». Ничего не изменено.',

  'worker.noAnswer.title': 'Sapa Worker не ответил',
  'worker.noAnswer.message':
    '{url}: {error}. Проверьте адрес Worker в Sapa › Настройки и попробуйте ещё раз. Ничего не изменено.',
  'worker.broken.title': 'Sapa Worker прислал повреждённый ответ',
  'worker.notJson': 'Ответ {name} — не корректный JSON ({n} символов). Ничего не изменено.',
  'worker.noTables': 'В ответе {name} нет таблиц. Ничего не изменено.',
  'worker.noState': 'В ответе {name} нет состояния (state). Ничего не изменено.',
  'worker.400': 'Sapa не может прочитать ответы',
  'worker.401': 'Sapa Worker отклонил вашу учётную запись',
  'worker.401.hint':
    'Попросите администратора Worker разрешить вашу учётную запись Google (ALLOWED_EMAILS / ALLOWED_DOMAINS).',
  'worker.413': 'Опрос слишком велик для Sapa Worker',
  'worker.422': 'Нет действительных ответов',
  'worker.failed': 'Ошибка Sapa Worker (HTTP {status})',
  'worker.rows': 'строки {first}–{last}',
  nothingChanged: 'Ничего не изменено.',

  'write.title': 'Не удалось записать отчёт',
  'write.partialTitle': 'Отчёт записан, но с проблемой',
  'swap.untouched': '{error}. Предыдущий отчёт не изменён.',
  'swap.leftovers':
    'Не удалось удалить незавершённые листы ({n}): {names}. Они помечены как листы Sapa: следующий запуск их удалит.',
  'swap.oldKept':
    'Не удалось удалить листы предыдущего отчёта ({error}); может быть, лист защищён? Новые листы снова удалены, предыдущий отчёт не изменён; следующий запуск попробует ещё раз.',
  'swap.partial':
    'Новый отчёт записан, но не удалось удалить листы предыдущего отчёта ({n}): {names} ({error}). Они всё ещё помечены как листы Sapa: следующий запуск снова попробует их удалить.',
  'swap.unnamed':
    'Новый отчёт записан, но не удалось дать листам их названия ({n}): {names} ({error}). Переименуйте их сами или запустите ещё раз: следующий запуск их заменит.',

  'examples.sheet': 'Формулы Sapa',
  'examples.heading': 'Формулы Sapa по листу «{sheet}»',
  'examples.noResponses': 'Выберите лист ответов в Sapa › Настройки.',
  'examples.noOverall.title': 'Нет общей оценки',
  'examples.noOverall.message': 'Укажите столбец общей оценки в Sapa › Настройки.',
  'example.satisfaction': 'Удовлетворенность (доля «5»)',
  'example.satisfactionTop2': 'Удовлетворенность, определение top-2',
  'example.top2': 'Доля «4» и «5» (top-2)',
  'example.mean': 'Средний балл',
  'example.score10': 'Оценка по 10-балльной шкале',
  'example.respondents': 'Число респондентов (база)',
  'example.distribution': 'Распределение оценок 1..5 (занимает 5 ячеек)',
  'example.interval': '95% интервал удовлетворенности (занимает 2 ячейки)',
  'example.concern': 'Индекс социальной озабоченности',
  'example.channelSatisfaction': 'Удовлетворенность: {channel}',
  'example.channelMean': 'Средний балл: {channel}',
  'example.drivers': 'Ключевые факторы (занимает таблицу)',
  'example.rating': 'Рейтинг услуг (занимает таблицу)',

  'about.title': 'О Sapa',
  'about.body': 'Движок дополнения {engine}\nWorker {worker}',
  'about.noUrl': 'адрес Worker не задан (Sapa › Настройки)',
  'about.version': '{url}: движок {version}',
  'about.differs': ' (отличается от движка дополнения: формулы и отчёты могут расходиться)',
  'about.unreachable': '{url}: недоступен ({error})',

  'sidebar.title': 'Sapa',
  'sidebar.loading': 'Загрузка настроек…',
  'sidebar.loadFailed': 'Sapa не удалось загрузить настройки: {error}',
  'sidebar.sheet': 'Лист ответов',
  'sidebar.columns': 'Столбцы',
  'sidebar.report': 'Отчёт',
  'sidebar.locale': 'Язык отчёта и Sapa',
  'sidebar.minBase': 'Минимальная база',
  'sidebar.order': 'Порядок рейтинга',
  'sidebar.tables': 'Таблицы',
  'sidebar.workerUrl': 'Адрес Worker',
  'sidebar.save': 'Сохранить',
  'sidebar.none': '— нет —',
  'sidebar.saving': 'Сохранение…',
  'sidebar.saved': 'Сохранено',
  'sidebar.fix': 'Исправьте поля, отмеченные красным',
  'sidebar.notSaved': 'Не сохранено: исправьте поля, отмеченные красным',
  'sidebar.notSavedError': 'Не сохранено: {error}',
  'sidebar.readingHeader': 'Чтение строки заголовков…',
  'sidebar.couldNotRead': 'Не удалось прочитать «{sheet}»: {error}',
  'sidebar.engine': 'Sapa · движок {engine}',

  'error.sheet': 'Выберите лист ответов',
  'error.required': 'Обязательно: выберите столбец',
  'error.notInHeader': 'Столбца «{header}» нет в строке заголовков',
  'error.usedFor': 'Столбец «{header}» уже выбран для «{role}»',
  'error.locale': 'Выберите kk, ru или en',
  'error.minBase': 'Минимальная база — целое число от 1 до {max}',
  'error.order': 'Выберите один из порядков',
  'error.tables': 'Выберите хотя бы одну таблицу',
  'url.empty': 'Введите адрес Worker, например https://sapa.example.workers.dev',
  'url.notUrl': 'Это не адрес: он начинается с https:// и не содержит пробелов',
  'url.http':
    'Используйте https://: запрос делают серверы Google, а развёрнутое дополнение может обращаться только к адресам https',
  'url.loopback':
    '{host} — собственный адрес компьютера: запрос делают серверы Google, и они до него не дотянутся. Введите https-адрес развёрнутого Worker',
  'url.notAllowed':
    'Это дополнение может обращаться только к {allowed} (urlFetchWhitelist его манифеста): попросите того, кто его собрал, добавить этот Worker',
  'detect.missing': 'Не найден столбец для «{role}»: выберите его ниже',
  'detect.noSheet': 'Листа «{sheet}» нет',
  'detect.noResponses': 'В этой таблице нет листа ответов',

  'role.service': 'Услуга',
  'role.overall': 'Общая оценка',
  'role.agency': 'Госорган',
  'role.level': 'Уровень (центральный / местный)',
  'role.region': 'Регион',
  'role.channel': 'Канал',
  'role.age': 'Возраст',
  'role.gender': 'Пол',
  'role.infoAccess': 'Доступность информации',
  'role.infoClarity': 'Ясность информации',
  'role.documents': 'Документы',
  'role.timeliness': 'Сроки',
  'role.staffCompetence': 'Компетентность сотрудников',
  'role.staffSpeed': 'Оперативность сотрудников',
  'role.staffCourtesy': 'Вежливость сотрудников',
  'role.trust': 'Доверие',
  'role.complaint': 'Жалоба (да/нет)',
  'role.informalPayment': 'Неформальный платёж (да/нет)',
  'role.connections': 'Связи (да/нет)',
  'role.weight': 'Вес',

  'order.satisfaction': 'Удовлетворенность (доля «5»)',
  'order.mean': 'Средний балл',
  'order.wilson': 'Нижняя граница 95% интервала',
}

export const MESSAGES: Record<Locale, Messages> = { kk: KK, ru: RU, en: EN }

export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

/** The marker a missing message shows as: the sidebar test fails on it. */
export const missing = (key: string) => `⟦${key}⟧`

/** Messages of one language; a missing one shows as ⟦key⟧, a missing parameter as {name}. */
export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale] as Partial<Messages> | undefined
  return (key, params = {}) => {
    const text = table?.[key]
    if (typeof text !== 'string') return missing(key)
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    )
  }
}

export const roleKey = (role: Role) => `role.${role}` as MessageKey
export const orderKey = (order: RatingOrder) => `order.${order}` as MessageKey

/** "ru_RU", "kk", "en-GB" → the add-on's language, or null for any other. */
export function localeOf(tag: string | null | undefined): Locale | null {
  return parseLocale((tag ?? '').trim().split(/[_-]/)[0])
}

/** The language the add-on speaks: the saved report language, the spreadsheet's, the user's, English. */
export function chooseLocale(
  saved: Locale | null | undefined,
  spreadsheet: string | null,
  user: string | null,
): Locale {
  return saved ?? localeOf(spreadsheet) ?? localeOf(user) ?? 'en'
}
