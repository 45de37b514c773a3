import { describe, expect, it } from 'vitest'
import { report } from '../../engine/index'
import {
  BinaryBodyError,
  decodeBinaryBody,
  encodeBinaryBody,
  encodeColumns,
  utf8,
} from '../../protocol/index'

const parse = (bytes: Uint8Array) =>
  JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))

describe('the binary body', () => {
  it('lays out magic, version, the JSON length, the JSON and the codes as the docs say', () => {
    const bytes = encodeBinaryBody({ header: ['Қ'], columns: [{ dict: ['A'], codes: [0, 0, -1] }] })
    // The JSON part written out by hand: 'Қ' is two bytes in UTF-8 (0xd2 0x9a).
    const json =
      '{"header":["Қ"],"columns":[{"dict":["A"],"codes":{"$codes":{"type":"i8","offset":0,"length":3}}}]}'
    const jsonBytes = Buffer.from(json, 'utf8')
    expect([...bytes.subarray(0, 8)]).toEqual([0x53, 0x41, 0x50, 0x41, 1, 0, 0, 0])
    expect(Buffer.from(bytes).readUInt32LE(8)).toBe(jsonBytes.length)
    expect(Buffer.from(bytes.subarray(12, 12 + jsonBytes.length)).toString('utf8')).toBe(json)
    const data = Math.ceil((12 + jsonBytes.length) / 8) * 8
    expect([...bytes.subarray(data, data + 3)]).toEqual([0, 0, 0xff])
    expect(bytes.length % 8).toBe(0)
  })

  it('takes the smallest type a dictionary fits, two bytes little-endian for 128..32,767 entries', () => {
    const dict = Array.from({ length: 300 }, (_, i) => `s${i}`)
    const bytes = encodeBinaryBody({ header: ['x'], columns: [{ dict, codes: [299, -1, 1] }] })
    const body = decodeBinaryBody(bytes, parse) as { columns: { codes: Int16Array }[] }
    expect(body.columns[0].codes).toBeInstanceOf(Int16Array)
    expect([...body.columns[0].codes]).toEqual([299, -1, 1])
    const big = Array.from({ length: 40_000 }, (_, i) => i)
    const wide = decodeBinaryBody(
      encodeBinaryBody({ header: ['x'], columns: [{ dict: big, codes: [39_999, -1] }] }),
      parse,
    ) as { columns: { codes: Int32Array }[] }
    expect(wide.columns[0].codes).toBeInstanceOf(Int32Array)
    expect([...wide.columns[0].codes]).toEqual([39_999, -1])
  })

  it("codes the previous wave's columns too, and gives the report of the JSON form", () => {
    const header = ['Қызмет', 'Жалпы баға', 'Салмақ']
    const rows = [
      ['A', 5, 1.5],
      ['A', 3, ''],
      ['B', 4, 2],
      ['B', '', 1],
    ]
    const body = { header, columns: encodeColumns(header, rows) }
    const decoded = decodeBinaryBody(
      encodeBinaryBody({ ...body, previous: { ...body } }),
      parse,
    ) as typeof body & { previous: typeof body }
    expect(decoded.previous.columns[1]).toEqual({
      dict: [5, 3, 4],
      codes: Int8Array.from([0, 1, 2, -1]),
    })
    expect(report(decoded)).toEqual(report({ header, rows }))
  })

  it('refuses a body without the magic, of another version, or with references outside its data', () => {
    const good = encodeBinaryBody({ header: ['x'], columns: [{ dict: ['a'], codes: [0] }] })
    expect(() => decodeBinaryBody(utf8('{"header":[]}'), parse)).toThrow(BinaryBodyError)
    expect(() => decodeBinaryBody(utf8('{"header":[]}'), parse)).toThrow(
      'a binary body starts with "SAPA" (application/vnd.sapa.survey)',
    )
    const v2 = good.slice()
    v2[4] = 2
    expect(() => decodeBinaryBody(v2, parse)).toThrow(
      'binary body version 2: this Worker reads version 1',
    )
    const cut = good.slice(0, 20)
    expect(() => decodeBinaryBody(cut, parse)).toThrow(/runs past the body's end/)
    const json =
      '{"header":["x"],"columns":[{"dict":["a"],"codes":{"$codes":{"type":"i8","offset":8,"length":1}}}]}'
    const jsonBytes = utf8(json)
    const outside = new Uint8Array(Math.ceil((12 + jsonBytes.length) / 8) * 8 + 8)
    outside.set([0x53, 0x41, 0x50, 0x41, 1], 0)
    Buffer.from(outside.buffer).writeUInt32LE(jsonBytes.length, 8)
    outside.set(jsonBytes, 12)
    expect(() => decodeBinaryBody(outside, parse)).toThrow(
      '"columns[0].codes" must lie inside the data, at an offset that is a multiple of 8 (offset 8, length 1, 8 bytes of data)',
    )
  })

  it('writes UTF-8 as Buffer does, surrogate pairs included', () => {
    const text = 'Қызмет «5» 😀 \u00e9'
    expect([...utf8(text)]).toEqual([...Buffer.from(text, 'utf8')])
  })
})
