/// <reference types="google-apps-script" />
/** @module The conditional-format rule and embedded chart builders (in memory, like Apps Script's). */

import type { FakeRange } from './range'
import { copyOut } from './realm'
import { as } from './shared'
import type { FakeChart, FakeSheet } from './sheet'

export class FakeConditionalFormatRule {
  constructor(
    readonly ranges: FakeRange[],
    readonly gradient: Record<string, unknown>,
  ) {}

  fakeSelf(): FakeConditionalFormatRule {
    return this
  }
}

export class FakeConditionalFormatRuleBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      | 'setGradientMinpoint'
      | 'setGradientMidpointWithValue'
      | 'setGradientMaxpoint'
      | 'setRanges'
      | 'build'
    >
{
  private gradient: Record<string, unknown> = {}
  private ranges: FakeRange[] = []

  private self() {
    return as<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(this)
  }

  setGradientMinpoint(color: string) {
    this.gradient.min = color
    return this.self()
  }

  setGradientMidpointWithValue(
    color: string,
    type: GoogleAppsScript.Spreadsheet.InterpolationType,
    value: string,
  ) {
    this.gradient.mid = { color, type: String(type), value }
    return this.self()
  }

  setGradientMaxpoint(color: string) {
    this.gradient.max = color
    return this.self()
  }

  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]) {
    this.ranges = ranges.map((range) => (range as unknown as FakeRange).fakeSelf())
    return this.self()
  }

  build() {
    if (this.ranges.length === 0) throw new Error('A conditional format rule needs a range.')
    return as<GoogleAppsScript.Spreadsheet.ConditionalFormatRule>(
      new FakeConditionalFormatRule(this.ranges, { ...this.gradient }),
    )
  }
}

export class FakeEmbeddedChartBuilder
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
      | 'asBarChart'
      | 'asScatterChart'
      | 'addRange'
      | 'setNumHeaders'
      | 'setOption'
      | 'setPosition'
      | 'build'
    >
{
  private readonly chart: FakeChart = {
    options: {},
    ranges: [],
    headers: -1,
    position: [],
    type: 'NONE',
  }

  constructor(private readonly sheet: FakeSheet) {}

  private self() {
    return as<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>(this)
  }

  asBarChart() {
    this.chart.type = 'BAR'
    return as<GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder>(this)
  }

  asScatterChart() {
    this.chart.type = 'SCATTER'
    return as<GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder>(this)
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range) {
    const own = (range as unknown as FakeRange).fakeSelf()
    if (own.sheet !== this.sheet) throw new Error('The range is on another sheet.')
    this.chart.ranges.push(own.getA1Notation())
    return this.self()
  }

  setNumHeaders(headers: number) {
    this.chart.headers = headers
    return this.self()
  }

  setOption(option: string, value: unknown) {
    this.chart.options[option] = copyOut(value)
    return this.self()
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number) {
    this.chart.position = [anchorRowPos, anchorColPos, offsetX, offsetY]
    return this.self()
  }

  build() {
    if (this.chart.ranges.length === 0) throw new Error('A chart needs data.')
    return as<GoogleAppsScript.Spreadsheet.EmbeddedChart>({ ...this.chart, sheet: this.sheet })
  }
}

/** A Rich Text value: its text and the link over all of it, if any. */
export class FakeRichTextValue
  implements Pick<GoogleAppsScript.Spreadsheet.RichTextValue, 'getText' | 'getLinkUrl'>
{
  constructor(
    readonly text: string,
    readonly link: string | null,
  ) {}

  fakeSelf(): FakeRichTextValue {
    return this
  }

  getText() {
    return this.text
  }

  getLinkUrl() {
    return this.link
  }
}

export class FakeRichTextValueBuilder
  implements
    Pick<GoogleAppsScript.Spreadsheet.RichTextValueBuilder, 'setText' | 'setLinkUrl' | 'build'>
{
  private text = ''
  private link: string | null = null

  private self() {
    return as<GoogleAppsScript.Spreadsheet.RichTextValueBuilder>(this)
  }

  setText(text: string) {
    this.text = String(text)
    // "Sets the text for this value and clears any existing text style."
    this.link = null
    return this.self()
  }

  setLinkUrl(...args: unknown[]) {
    if (args.length !== 1)
      throw new Error('stand-in: setLinkUrl(linkUrl) over the whole value only')
    this.link = args[0] === null ? null : String(args[0])
    return this.self()
  }

  build() {
    return as<GoogleAppsScript.Spreadsheet.RichTextValue>(
      new FakeRichTextValue(this.text, this.link),
    )
  }
}
