import { describe, expect, test } from 'bun:test'
import { DEFAULT_SETPOINT_POLICY, decideSetpoints, type SentSetpoint } from './setpoints'

const T = 1_000_000
const sent = (entries: Readonly<Record<string, readonly [number, number]>>): Map<string, SentSetpoint> =>
  new Map(Object.entries(entries).map(([id, [limitA, sentAt]]) => [id, { limitA, sentAt }]))

interface Case {
  readonly name: string
  readonly prev: Readonly<Record<string, readonly [number, number]>>
  readonly next: number
  readonly reason: 'safety' | 'increase' | undefined
}

describe('decideSetpoints', () => {
  test.each<Case>([
    { name: 'first limit of a new session is sent at once', prev: {}, next: 16, reason: 'safety' },
    {
      name: 'a reduction is sent at once, even right after the last send',
      prev: { s: [16, T - 100] },
      next: 10,
      reason: 'safety',
    },
    { name: 'stopping is a reduction', prev: { s: [16, T - 100] }, next: 0, reason: 'safety' },
    {
      name: 'an increase past the hysteresis after the interval is sent',
      prev: { s: [10, T - 20_000] },
      next: 12,
      reason: 'increase',
    },
    {
      name: 'a small increase is held by the hysteresis',
      prev: { s: [10, T - 20_000] },
      next: 10.5,
      reason: undefined,
    },
    {
      name: 'an increase inside the rate limit waits',
      prev: { s: [10, T - 2_000] },
      next: 16,
      reason: undefined,
    },
    {
      name: 'noise below epsilon is not a reduction',
      prev: { s: [10, T - 100] },
      next: 9.98,
      reason: undefined,
    },
  ])('$name', ({ prev, next, reason }) => {
    const decision = decideSetpoints({ sent: sent(prev), next: [{ sessionId: 's', limitA: next }], now: T })
    expect(decision.commands.map((c) => c.reason)).toEqual(reason ? [reason] : [])
    expect(decision.reductionSent).toBe(reason === 'safety')
  })

  test('a tick that reduces one EV sends no increase to another, and reductions come first', () => {
    const decision = decideSetpoints({
      sent: sent({ up: [6, T - 60_000], down: [16, T - 60_000] }),
      next: [
        { sessionId: 'up', limitA: 12 },
        { sessionId: 'down', limitA: 10 },
      ],
      now: T,
    })
    expect(decision.commands).toEqual([{ sessionId: 'down', limitA: 10, reason: 'safety' }])
  })

  test('increases wait for the EVs to follow a recent reduction', () => {
    const input = { sent: sent({ up: [6, T - 60_000] }), next: [{ sessionId: 'up', limitA: 12 }] }
    const settle = DEFAULT_SETPOINT_POLICY.settleMs
    expect(decideSetpoints({ ...input, now: T, lastReductionAt: T - settle + 1 }).commands).toEqual([])
    expect(decideSetpoints({ ...input, now: T, lastReductionAt: T - settle }).commands).toHaveLength(1)
  })

  test('the policy is configurable', () => {
    const policy = { ...DEFAULT_SETPOINT_POLICY, hysteresisA: 0.2, minIntervalMs: 0 }
    const decision = decideSetpoints(
      { sent: sent({ s: [10, T] }), next: [{ sessionId: 's', limitA: 10.5 }], now: T },
      policy,
    )
    expect(decision.commands).toEqual([{ sessionId: 's', limitA: 10.5, reason: 'increase' }])
  })
})
