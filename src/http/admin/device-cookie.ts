import { createHmac, timingSafeEqual } from 'node:crypto'
import { randomId } from '@src/lib/ids'

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser an
 * operator signed in with carries proof of it, so the per-account sign-in limit, which an attacker can
 * trip, never stops the operator there (see `sign-in-limits.ts`).
 *
 * The cookie is `<nonce>.<mac>`, the mac an HMAC-SHA256 of the account id and nonce keyed with the
 * account's password hash: nothing to store, it cannot be made without the database, and it stops
 * working when the password changes.
 */
export const DEVICE_COOKIE = 'csms_device'
/** How long a device stays trusted without signing in again. */
export const DEVICE_MS = 365 * 86_400_000

/** The account a device cookie is bound to. */
export interface DeviceAccount {
  id: number
  passwordHash: string
}

const mac = (account: DeviceAccount, nonce: string) =>
  createHmac('sha256', account.passwordHash).update(`device:${account.id}:${nonce}`).digest('base64url')

/** A fresh device cookie value for `account`. */
export function newDeviceCookie(account: DeviceAccount): string {
  const nonce = randomId(16)
  return `${nonce}.${mac(account, nonce)}`
}

/** The nonce of `value` when it is a device cookie `account` issued; undefined otherwise. */
export function trustedDevice(
  value: string | undefined,
  account: DeviceAccount | undefined,
): string | undefined {
  if (!value || !account || value.length > 100) return undefined
  const [nonce, given, ...rest] = value.split('.')
  if (!nonce || !given || rest.length) return undefined
  const expected = Buffer.from(mac(account, nonce))
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? nonce : undefined
}

/** The `Set-Cookie` header of a device cookie: sent only to the sign-in form, never to scripts. */
export function deviceCookieHeader(value: string, secure: boolean): string {
  const flags = `Path=/admin/login; Max-Age=${DEVICE_MS / 1000}; HttpOnly; SameSite=Strict`
  return `${DEVICE_COOKIE}=${value}; ${flags}${secure ? '; Secure' : ''}`
}
