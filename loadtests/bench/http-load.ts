import { Histogram } from '../fleet/histogram'

/** One HTTP target of a load run. */
export interface HttpTarget {
  name: string
  /** Path (with query) for the next request; may vary per request (e.g. a random charger). */
  path: () => string
  headers: Record<string, string>
}

/** What a closed-loop run measured. */
export interface HttpResult {
  latency: Histogram
  requests: number
  failures: number
  /** Requests per second achieved. */
  rate: number
  /** First few failures, for diagnosis. */
  samples: string[]
}

/**
 * Closed-loop HTTP load: `concurrency` clients each send the next request as soon as the last one has
 * been answered and its body read, for `durationMs`. A non-2xx answer counts as a failure.
 */
export async function httpLoad(
  base: string,
  target: HttpTarget,
  concurrency: number,
  durationMs: number,
): Promise<HttpResult> {
  const latency = new Histogram()
  const samples: string[] = []
  let failures = 0
  const started = performance.now()
  const end = started + durationMs
  const client = async () => {
    while (performance.now() < end) {
      const t0 = performance.now()
      const path = target.path()
      try {
        const res = await fetch(`${base}${path}`, { headers: target.headers, redirect: 'manual' })
        await res.arrayBuffer()
        latency.record(performance.now() - t0)
        if (res.status < 200 || res.status >= 300) {
          failures++
          if (samples.length < 5) samples.push(`${path} → ${res.status}`)
        }
      } catch (err) {
        failures++
        if (samples.length < 5) samples.push(`${path} → ${String(err)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client))
  const requests = latency.count
  return { latency, requests, failures, rate: requests / ((performance.now() - started) / 1000), samples }
}

/** Signs in to the admin like a browser's form post and returns the session cookie (`name=value`). */
export async function adminCookie(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password, next: '/admin/chargers' }).toString(),
    redirect: 'manual',
  })
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: HTTP ${res.status}`)
  return cookie
}
