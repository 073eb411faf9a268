import type { FleetCharger } from './charger'
import type { Step } from './dialect'

/**
 * The steps of one charging session as the throughput mix sends them. With the default 14 meter
 * values: 70 % meter values, 10 % status, 10 % heartbeats, 10 % transaction start/stop.
 */
export function transactionCycle(metersPerTx = 14): Step[] {
  const first = Math.floor(metersPerTx / 2)
  const meters = (n: number): Step[] => Array.from({ length: n }, () => 'meter' as const)
  return [
    'start',
    'charging',
    ...meters(first),
    'heartbeat',
    ...meters(metersPerTx - first),
    'heartbeat',
    'stop',
    'available',
  ]
}

/**
 * Runs a charger's next step of the cycle; resolves true when a whole transaction has just been
 * completed (its stop was accepted). A refused start sends the charger back to the cycle's start;
 * the next session uses the charger's next connector.
 */
export async function nextStep(c: FleetCharger, cycle: readonly Step[]): Promise<boolean> {
  const step = cycle[c.cycle]!
  const ok = await c.run(step)
  if (step === 'start' && !ok) {
    c.facts.txId = undefined
    return false
  }
  if (step === 'stop') c.facts.txId = undefined
  c.cycle = (c.cycle + 1) % cycle.length
  if (c.cycle === 0) c.facts.connector = (c.facts.connector % c.facts.connectors) + 1
  return step === 'stop' && ok
}
