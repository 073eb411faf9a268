/**
 * Where a request came from: the socket's peer address, or, behind reverse proxies the operator says
 * it trusts (`CSMS_TRUST_PROXY`), what those proxies put in `X-Forwarded-For` / `X-Forwarded-Proto`.
 * Lockouts are keyed by it, so a forged header must never move a client to someone else's key: only
 * the entries the trusted proxies appended (the rightmost ones) are read.
 */

/** The address used when the peer is not known (a request handed to the app without a socket). */
export const UNKNOWN_ADDRESS = 'unknown'

/**
 * The client address that `hops` trusted proxies report: each appends the address it received the
 * request from, so the client is the `hops`-th entry from the right. Undefined without such an entry.
 *
 * @example forwardedFor('6.6.6.6, 203.0.113.9', 1) // '203.0.113.9' (the first entry was forged)
 */
export function forwardedFor(header: string | null, hops: number): string | undefined {
  if (!header || hops < 1) return undefined
  const entries = header.split(',').map((e) => e.trim())
  const entry = entries[entries.length - hops]
  return entry ? stripPort(entry) : undefined
}

/** `1.2.3.4:5678` → `1.2.3.4`, `[2001:db8::1]:443` → `2001:db8::1`; a bare address is kept. */
function stripPort(entry: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(entry)
  if (v6) return v6[1]!
  return /^[\d.]+:\d+$/.test(entry) ? entry.slice(0, entry.lastIndexOf(':')) : entry
}

/**
 * The key a per-client limit counts under: an IPv4 address as is (IPv4-mapped IPv6 too), an IPv6
 * address by its /64 prefix, since one subscriber usually holds a whole /64 and could otherwise step
 * to a fresh address for every attempt.
 *
 * @example addressKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!address.includes(':')) return address
  const hextets = expandV6(address.toLowerCase())
  if (!hextets) return address
  return `${hextets
    .slice(0, 4)
    .map((h) => Number.parseInt(h, 16).toString(16))
    .join(':')}::/64`
}

/** The eight hextets of an IPv6 address (zone dropped), or undefined if it is not one. */
function expandV6(address: string): string[] | undefined {
  const plain = address.split('%')[0]!
  const halves = plain.split('::')
  if (halves.length > 2) return undefined
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  return all.every((h) => /^[0-9a-f]{1,4}$/.test(h)) ? all : undefined
}

/**
 * The peer address of each request the server hands to the app, and what the request says about its
 * client once proxies are accounted for. The server's `fetch` records the socket's address before the
 * app sees the request (Elysia passes that same `Request` object to every hook).
 *
 * @example
 * const peers = new RequestPeers(1)
 * peers.record(req, server.requestIP(req)?.address)
 * peers.address(req) // the client behind the proxy
 */
export class RequestPeers {
  readonly #peers = new WeakMap<Request, string>()

  /** `trustProxyHops`: how many reverse proxies stand in front (0: headers are never believed). */
  constructor(readonly trustProxyHops: number) {}

  /** Remembers the socket peer of a request (called by the server before routing). */
  record(request: Request, address: string | undefined): void {
    if (address) this.#peers.set(request, address)
  }

  /** The client's address: the proxies' report when trusted, else the socket peer. */
  address(request: Request): string {
    return (
      forwardedFor(request.headers.get('x-forwarded-for'), this.trustProxyHops) ??
      this.#peers.get(request) ??
      UNKNOWN_ADDRESS
    )
  }

  /** True when the client reached us over TLS: directly, or by a trusted proxy's `X-Forwarded-Proto`. */
  secure(request: Request): boolean {
    if (new URL(request.url).protocol === 'https:') return true
    if (this.trustProxyHops < 1) return false
    const proto = request.headers.get('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase()
    return proto === 'https'
  }
}
