import { describe, expect, test } from 'bun:test'
import type { SessionAllocation } from '@src/domain/power'
import { SETPOINT_REFRESH_MS, SETPOINT_TTL_S } from '@src/domain/site/setpoint-profiles'
import { type DeliveryState, emptyDelivery, planDeliveries } from './delivery'

const T0 = Date.UTC(2026, 5, 1, 16)
const allocation = (key: string, limitA: number): SessionAllocation => ({
  sessionId: key,
  connectorId: key,
  limitA,
  phases: 3,
  neededA: 0,
})

/** A site whose sessions were all given their limit at `T0` (a node that just started). */
function sentTogether(count: number): { state: DeliveryState; allocations: SessionAllocation[] } {
  const state: DeliveryState = emptyDelivery()
  const allocations = Array.from({ length: count }, (_, i) => allocation(`SC-${i}#1`, 16))
  for (const a of allocations) state.sent.set(a.sessionId, { limitA: 16, sentAt: T0 })
  return { state, allocations }
}

describe('setpoint refreshes', () => {
  test('setpoints sent together are renewed spread over a minute, each before it runs out', () => {
    const { state, allocations } = sentTogether(1000)
    const renewedAt = new Map<string, number>()
    let busiest = 0
    for (let now = T0; now < T0 + SETPOINT_TTL_S * 1000; now += 500) {
      const out = planDeliveries(state, allocations, () => true, now)
      busiest = Math.max(busiest, out.length)
      for (const d of out) {
        expect(d).toMatchObject({ reason: 'refresh', limitA: 16 })
        if (!renewedAt.has(d.key)) renewedAt.set(d.key, now)
      }
    }
    expect(renewedAt.size).toBe(1000)
    const ages = [...renewedAt.values()].map((at) => at - T0)
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(SETPOINT_REFRESH_MS)
    expect(Math.max(...ages)).toBeLessThan(SETPOINT_TTL_S * 1000 - 60_000)
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(50_000)
    expect(busiest).toBeLessThanOrEqual(30)
  })

  test('a changed limit restarts its session’s refresh clock', () => {
    const { state, allocations } = sentTogether(1)
    const key = allocations[0]!.sessionId
    const cutAt = T0 + 60_000
    expect(planDeliveries(state, [allocation(key, 10)], () => true, cutAt)).toEqual([
      { key, limitA: 10, reason: 'safety' },
    ])
    expect(planDeliveries(state, [allocation(key, 10)], () => true, cutAt + SETPOINT_REFRESH_MS - 1)).toEqual(
      [],
    )
  })

  test('an unreachable charger gets no refresh', () => {
    const { state, allocations } = sentTogether(5)
    expect(planDeliveries(state, allocations, () => false, T0 + SETPOINT_TTL_S * 1000)).toEqual([])
  })
})
