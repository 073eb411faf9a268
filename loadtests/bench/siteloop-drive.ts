import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import { type ChargerEvent, eventSuffix } from '@src/domain/charger/events'
import type { SiteStatus } from '@src/domain/site/status'
import type { CsmsNode } from '@src/node'
import { Histogram } from '../fleet/histogram'
import { type SeededSession, type SiteEstate, siteChargerId } from './siteloop-seed'

const publish = (bus: Bus, e: ChargerEvent) =>
  bus.publish(subjects.chargerEvent(e.chargerId, eventSuffix(e)), e)

/**
 * Stands in for the estate's chargers: answers their command subjects on the bus (Accepted), marks
 * them online in the database and announces their connections, as charger actors would.
 */
export async function stubChargers(node: CsmsNode, e: SiteEstate): Promise<{ commands: () => number }> {
  const { bus, writer, repos, config, clock } = node.deps
  let commands = 0
  const ids: string[] = []
  for (let s = 0; s < e.sites; s++)
    for (let k = 0; k < e.connectorsPerSite; k++) ids.push(siteChargerId(s, k))
  for (const id of ids)
    bus.serve(subjects.chargerCommand(id), () => {
      commands++
      return { status: 'Accepted' }
    })
  const now = clock.now()
  for (let i = 0; i < ids.length; i += 1000)
    await writer.write(
      ids
        .slice(i, i + 1000)
        .map((id) => repos.chargers.setOnline(id, { online: true, nodeId: config.nodeId, now })),
    )
  for (const chargerId of ids)
    publish(bus, {
      type: 'charger.connected',
      chargerId,
      protocol: 'ocpp2.0.1',
      nodeId: config.nodeId,
      at: now,
    })
  return { commands: () => commands }
}

/**
 * Resolves with the number of sites that have published a status from a running (leased) loop, once
 * all `count` have or `timeoutMs` has passed.
 */
export function waitForSites(bus: Bus, count: number, timeoutMs: number): Promise<number> {
  const seen = new Set<string>()
  return new Promise((resolve) => {
    const done = () => {
      off()
      clearTimeout(timer)
      resolve(seen.size)
    }
    const timer = setTimeout(done, timeoutMs)
    const off = bus.subscribe(subjects.allSiteStatus, (p) => {
      const s = p as SiteStatus
      if (String(s.health) === 'standby') return
      seen.add(s.siteId)
      if (seen.size >= count) done()
    })
  })
}

/** Publishes a meter value (energy, per-phase current) for every session once every `everyS` seconds. */
export function feedMeters(bus: Bus, sessions: readonly SeededSession[], everyS: number) {
  let sent = 0
  let next = 0
  let credit = 0
  const perTick = sessions.length / (everyS * 10)
  const timer = setInterval(() => {
    credit += perTick
    for (; credit >= 1; credit--) {
      const s = sessions[next++ % sessions.length]!
      const at = Date.now()
      publish(bus, {
        type: 'charger.meterSampled',
        chargerId: s.chargerId,
        evseId: s.evseId,
        transactionId: s.transactionId,
        energyWh: 1000 + (at % 100_000) / 10,
        readings: { currentA: { L1: 10, L2: 10, L3: 10 }, powerW: 6900 },
        at,
      })
      sent++
    }
  }, 100)
  return { sent: () => sent, stop: () => clearInterval(timer) }
}

/** Measures event-loop delay: how late a 10 ms interval timer fires. */
export function loopDelayProbe(): { stop: () => Histogram } {
  const h = new Histogram()
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    h.record(Math.max(0, now - last - 10))
    last = now
  }, 10)
  return {
    stop: () => {
      clearInterval(timer)
      return h
    },
  }
}
