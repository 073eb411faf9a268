import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Deps } from '@src/deps'
import { randomId } from '@src/lib/ids'

/** A connector code: 22 base64url characters, 132 bits of an HMAC-SHA256. */
const CODE = /^[A-Za-z0-9_-]{22}$/

const codeOf = (key: string, evseId: number) =>
  createHmac('sha256', key).update(`connector:${evseId}`).digest('base64url').slice(0, 22)

/**
 * The secret code printed, inside its QR code, on one connector of a charger. Knowing it is what makes
 * someone the driver at that connector: it leads to the running session's own page, where the
 * departure and energy need are set. Knowing only the charger id and connector number shows whether
 * the connector is busy, no more. Each charger has one random key (created when its codes are first
 * printed), each connector's code is derived from it, so a code read off one connector opens no other.
 */
export async function connectorCode(deps: Deps, chargerId: string, evseId: number): Promise<string> {
  const { chargers } = deps.repos
  let key = await chargers.driverKey(chargerId)
  if (!key) {
    await deps.writer.write([chargers.addDriverKey(chargerId, randomId(32), deps.clock.now())])
    key = (await chargers.driverKey(chargerId))!
  }
  return codeOf(key, evseId)
}

/** True when `code` is the code of connector `evseId` of `chargerId` (constant-time comparison). */
export async function isConnectorCode(
  deps: Deps,
  chargerId: string,
  evseId: number,
  code: string,
): Promise<boolean> {
  if (!CODE.test(code)) return false
  const key = await deps.repos.chargers.driverKey(chargerId)
  return key !== undefined && timingSafeEqual(Buffer.from(codeOf(key, evseId)), Buffer.from(code))
}

/** The path a connector's QR code points to: `/drive/<charger>/<evse>/<code>`. */
export const connectorPath = (chargerId: string, evseId: number, code: string) =>
  `/drive/${encodeURIComponent(chargerId)}/${evseId}/${code}`
