/// <reference types="google-apps-script" />
/** @module The Ui stand-in: dialogs, the add-on menu and the sidebar, recorded. */
import { as } from './shared'

export class FakeMenu
  implements Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addToUi'>
{
  readonly items: string[] = []

  constructor(private readonly ui: FakeUi) {}

  addItem(caption: string, functionName: string) {
    this.items.push(`${caption} → ${functionName}`)
    return as<GoogleAppsScript.Base.Menu>(this)
  }

  addSeparator() {
    this.items.push('—')
    return as<GoogleAppsScript.Base.Menu>(this)
  }

  addToUi() {
    this.ui.menus.push(this.items)
  }
}

export interface Dialog {
  title: string
  message: string
}

export class FakeUi
  implements
    Pick<GoogleAppsScript.Base.Ui, 'alert' | 'createAddonMenu' | 'showSidebar' | 'ButtonSet'>
{
  ButtonSet = as<typeof GoogleAppsScript.Base.ButtonSet>({ OK: 'OK', OK_CANCEL: 'OK_CANCEL' })
  readonly dialogs: Dialog[] = []
  readonly menus: string[][] = []
  readonly sidebars: { title: string; lang: string }[] = []

  alert(...args: unknown[]) {
    const [title, message] = args.length >= 2 && typeof args[1] === 'string' ? args : ['', args[0]]
    this.dialogs.push({ title: String(title), message: String(message) })
    return as<GoogleAppsScript.Base.Button>('OK')
  }

  createAddonMenu() {
    return as<GoogleAppsScript.Base.Menu>(new FakeMenu(this))
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput) {
    const lang = /<html lang="([^"]*)">/.exec(userInterface.getContent())?.[1] ?? ''
    this.sidebars.push({ title: userInterface.getTitle(), lang })
  }
}
