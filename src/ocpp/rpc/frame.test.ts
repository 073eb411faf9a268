import { describe, expect, test } from 'bun:test'
import { decodeFrame, MAX_FRAME_DEPTH, nestedDeeperThan } from './frame'

/** A CALL whose payload holds `levels` levels of `customData`. */
function nestedCall(levels: number, id = 'deep-1'): string {
  const inner = `${'{"customData":'.repeat(levels - 1)}{"vendorId":"x"}${'}'.repeat(levels - 1)}`
  return `[2,"${id}","Heartbeat",${inner}]`
}

describe('frames nested too deep are refused before they are parsed', () => {
  test('100,000 levels of customData: FormatViolation under the frame own id', () => {
    expect(decodeFrame(nestedCall(100_000))).toEqual({
      kind: 'invalid',
      id: 'deep-1',
      failure: { code: 'FormatViolation', description: `frame nested deeper than ${MAX_FRAME_DEPTH} levels` },
    })
  })

  test('nesting up to the limit, frame array included, is decoded', () => {
    const payloadLevels = MAX_FRAME_DEPTH - 1
    expect(decodeFrame(nestedCall(payloadLevels)).kind).toBe('call')
    expect(decodeFrame(nestedCall(payloadLevels + 1)).kind).toBe('invalid')
  })

  test('arrays count as objects do', () => {
    const deep = `[2,"a","DataTransfer",{"vendorId":"v","data":${'['.repeat(MAX_FRAME_DEPTH)}${']'.repeat(MAX_FRAME_DEPTH)}}]`
    expect(decodeFrame(deep)).toMatchObject({
      kind: 'invalid',
      id: 'a',
      failure: { code: 'FormatViolation' },
    })
  })

  test('a deep CALLRESULT keeps its id; a frame whose id cannot be read is answered under "-1"', () => {
    const inner = '['.repeat(100) + ']'.repeat(100)
    expect(decodeFrame(`[3,"r1",{"x":${inner}}]`)).toMatchObject({ kind: 'invalid', id: 'r1' })
    expect(decodeFrame(`[2,${inner},"Heartbeat",{}]`)).toMatchObject({ kind: 'invalid', id: '-1' })
  })

  test('brackets inside strings do not count, escaped quotes and backslashes included', () => {
    const brackets = '[{'.repeat(500)
    const cases = [
      `{"data":"${brackets}"}`,
      `{"data":"\\"${brackets}"}`,
      `{"a":"\\\\","data":"${brackets}"}`,
      `{"data":"\\u005b${brackets}\\\\\\""}`,
    ]
    for (const payload of cases) {
      expect(nestedDeeperThan(payload, MAX_FRAME_DEPTH)).toBe(false)
      expect(decodeFrame(`[2,"s","DataTransfer",${payload}]`).kind).toBe('call')
    }
  })

  test('a string ending in an escaped backslash ends there: brackets after it count', () => {
    const deep = '['.repeat(MAX_FRAME_DEPTH) + ']'.repeat(MAX_FRAME_DEPTH)
    expect(nestedDeeperThan(`{"a":"x\\\\","b":${deep}}`, MAX_FRAME_DEPTH)).toBe(true)
  })
})
