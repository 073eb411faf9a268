import { DRIVER_COOKIE } from '@src/http/driver/driver-cookies'
import { randomId, sha256Hex } from '@src/lib/ids'
import { DRIVER_SESSION_MS } from '@src/services/driver-sign-in'
import type { TestNode } from './node'
import { meterReading, startedTransaction } from './transactions'

/**
 * A running session of `card` on a new charger, priced under the `home` tariff (version 1), with the
 * charger's register at `startWh` when it started an hour ago and `nowWh` now. Returns its id.
 */
export async function runningSession(
  node: TestNode,
  v: { chargerId: string; label: string; card: string; startWh: number; nowWh: number },
): Promise<number> {
  const { chargers, transactions } = node.deps.repos
  const now = node.deps.clock.now()
  const startedAt = now - 3_600_000
  await node.deps.writer.write([chargers.upsert({ id: v.chargerId, label: v.label, now })])
  const [[row]] = await node.deps.writer.write([
    startedTransaction(transactions, {
      chargerId: v.chargerId,
      evseId: 1,
      connectorId: 1,
      idTag: v.card,
      startStatus: 'Accepted',
      reservationId: null,
      startedAt,
      meterStartWh: v.startWh,
      ocppTxId: `${v.chargerId}-tx`,
      now,
    }),
  ] as const)
  const id = row!.id
  const register = (at: number, wh: number) => ({
    timestamp: at,
    measurand: 'Energy.Active.Import.Register',
    unit: 'Wh',
    value: wh,
    raw: String(wh),
  })
  await node.deps.writer.write([
    transactions.patch(id, { tariffId: 'home', tariffVersion: 1 }),
    meterReading(transactions, id, v.nowWh, now, now),
    ...transactions.insertSamples(v.chargerId, 1, id, [
      register(startedAt, v.startWh),
      register(now, v.nowWh),
    ]),
  ])
  return id
}

/** A signed-in driver's cookie for `email`, as a used sign-in link leaves it (a fresh session each call). */
export async function driverCookieOf(node: TestNode, email: string): Promise<string> {
  const secret = `test-session-${randomId(16)}`
  const now = node.deps.clock.now()
  await node.deps.writer.write([
    node.deps.repos.driverAccounts.addSession({
      hash: sha256Hex(secret),
      email,
      createdAt: now,
      expiresAt: now + DRIVER_SESSION_MS,
    }),
  ])
  return `${DRIVER_COOKIE}=${secret}`
}
