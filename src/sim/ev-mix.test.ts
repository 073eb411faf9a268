import { expect, test } from 'bun:test'
import { randomEv } from './ev-mix'
import { Rng } from './prng'

test('the same seed draws the same cars', () => {
  const a = new Rng(7)
  const b = new Rng(7)
  for (let i = 0; i < 20; i++) expect(randomEv(a)).toEqual(randomEv(b))
})

test('the mix has single- and three-phase cars, 16 and 32 A, and plausible arrival states of charge', () => {
  const rng = new Rng(1)
  const cars = Array.from({ length: 2000 }, () => randomEv(rng))
  expect(new Set(cars.map((c) => c.phases))).toEqual(new Set([1, 3]))
  expect(new Set(cars.map((c) => c.maxCurrentA))).toEqual(new Set([16, 32]))
  const threePhase = cars.filter((c) => c.phases === 3).length / cars.length
  expect(threePhase).toBeGreaterThan(0.6)
  expect(threePhase).toBeLessThan(0.9)
  for (const c of cars) {
    expect(c.soc).toBeGreaterThanOrEqual(0.05)
    expect(c.soc).toBeLessThanOrEqual(0.9)
    expect(c.targetSoc).toBeGreaterThan(c.soc)
  }
  const mean = cars.reduce((s, c) => s + c.soc, 0) / cars.length
  expect(mean).toBeGreaterThan(0.3)
  expect(mean).toBeLessThan(0.4)
})

test('exponential gaps average their mean (Poisson arrivals)', () => {
  const rng = new Rng(3)
  const n = 20_000
  let sum = 0
  for (let i = 0; i < n; i++) sum += rng.exponential(600)
  expect(sum / n).toBeGreaterThan(580)
  expect(sum / n).toBeLessThan(620)
})

test('cars get reflexes only when the mix asks, in the observed ranges', () => {
  expect(randomEv(new Rng(3)).reflexes).toBeUndefined()
  const rng = new Rng(3)
  for (let i = 0; i < 200; i++) {
    const r = randomEv(rng, { reflexes: true }).reflexes!
    expect(r.responseDelayS).toBeGreaterThanOrEqual(1)
    expect(r.responseDelayS).toBeLessThanOrEqual(9)
    expect(r.rampUpAps).toBeGreaterThanOrEqual(1)
    expect(r.rampUpAps).toBeLessThanOrEqual(3)
    expect(r.underPilotA).toBeGreaterThanOrEqual(0.3)
    expect(r.underPilotA).toBeLessThanOrEqual(1)
  }
})
