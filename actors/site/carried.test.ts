import { describe, expect, test } from 'bun:test'
import { SETPOINT_TTL_S } from '@src/domain/site/setpoint-profiles'
import { carriedLoad, EV_RESPONSE_MS } from './carried'
import { emptyDelivery } from './delivery'
import type { SiteSession } from './sessions'
import { TEST_NOW, testSession } from './test-session'

const now = TEST_NOW

const session = testSession

/** A delivery state: `A#1` confirmed `confirmedA` (from `beforeA`) at `at`, then sent `sentA`. */
function delivery(v: { confirmedA?: number; beforeA?: number; at?: number; sentA?: number }) {
  const d = emptyDelivery()
  const at = v.at ?? now - 60_000
  if (v.confirmedA !== undefined) {
    d.confirmed.set('A#1', { limitA: v.confirmedA, at, beforeA: v.beforeA ?? v.confirmedA })
    d.sent.set('A#1', { limitA: v.confirmedA, sentAt: at })
  }
  if (v.sentA !== undefined) d.sent.set('A#1', { limitA: v.sentA, sentAt: now - 100 })
  return d
}

const carried = (s: SiteSession, d: ReturnType<typeof emptyDelivery>, online = true) =>
  carriedLoad(s, { delivery: d, online, failSafeA: 6, now })

describe('the loads the loop must carry', () => {
  test('a session whose confirmed limit is in force and followed is a share, not a carried load', () => {
    expect(carried(session(), delivery({ confirmedA: 16 }))).toBeUndefined()
  })

  test.each([
    { name: 'a cut on its way', confirmedA: 16, sentA: 8, expected: 16 },
    { name: 'an increase on its way', confirmedA: 8, sentA: 16, expected: 16 },
    {
      name: 'a first limit on its way (the fail-safe is in force)',
      confirmedA: undefined,
      sentA: 4,
      expected: 6,
    },
  ])('unconfirmed: $name counts at the higher limit', ({ confirmedA, sentA, expected }) => {
    expect(carried(session(), delivery({ confirmedA, sentA }))).toEqual({
      currentA: expected,
      why: 'unconfirmed',
    })
  })

  test('arriving: nothing sent yet, the charger holds its fail-safe default', () => {
    expect(carried(session(), emptyDelivery())).toEqual({ currentA: 6, why: 'arriving' })
  })

  test('arriving after the loop restarted: a car read drawing more than the fail-safe is carried at its draw', () => {
    const drawing = session({ drawA: { L1: 14, L2: 14, L3: 14 }, drawAt: now - 2000 })
    expect(carried(drawing, emptyDelivery())).toEqual({ currentA: 14, why: 'arriving' })
  })

  test('arriving with a fail-safe of 0 A and no draw: nothing to carry', () => {
    expect(
      carriedLoad(session(), { delivery: emptyDelivery(), online: true, failSafeA: 0, now }),
    ).toBeUndefined()
  })

  test('a refused setpoint counts at the higher of it and the confirmed one during the back-off', () => {
    const d = delivery({ confirmedA: 8 })
    d.failed.set('A#1', { limitA: 16, at: now - 1000 })
    expect(carried(session(), d)).toEqual({ currentA: 16, why: 'unconfirmed' })
  })

  test('offline: the highest limit it may have, until that setpoint runs out, then the fail-safe', () => {
    const d = delivery({ confirmedA: 10, sentA: 16 })
    expect(carried(session(), d, false)).toEqual({ currentA: 16, why: 'offline' })
    const old = delivery({ confirmedA: 16, at: now - SETPOINT_TTL_S * 1000 - 1 })
    expect(carried(session(), old, false)).toEqual({ currentA: 6, why: 'offline' })
  })

  test('following: after a confirmed cut the car may draw its former limit until a reading shows it followed', () => {
    const d = delivery({ confirmedA: 8, beforeA: 16, at: now - 2000 })
    expect(carried(session(), d)).toEqual({ currentA: 16, why: 'following' })
    const before = { drawA: { L1: 12, L2: 12, L3: 12 }, drawAt: now - 5000 }
    expect(carried(session(before), d)).toEqual({ currentA: 12, why: 'following' })
    const followed = { drawA: { L1: 8, L2: 8, L3: 8 }, drawAt: now - 500 }
    expect(carried(session(followed), d)).toBeUndefined()
    const late = delivery({ confirmedA: 8, beforeA: 16, at: now - EV_RESPONSE_MS })
    expect(carried(session(), late)).toBeUndefined()
  })

  test('disobeying: a reading after the response time above its limit is carried at the draw', () => {
    const d = delivery({ confirmedA: 8, at: now - 30_000 })
    const over = { drawA: { L1: 20, L2: 20, L3: 20 }, drawAt: now - 1000 }
    expect(carried(session(over), d)).toEqual({ currentA: 20, why: 'disobeying' })
    const within = { drawA: { L1: 9.5, L2: 9.5, L3: 9.5 }, drawAt: now - 1000 }
    expect(carried(session(within), d)).toBeUndefined()
  })
})
