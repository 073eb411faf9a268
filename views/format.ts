/**
 * Formatting for people: dates in a site's time zone (or the server's, TZ), energy in kWh, relative times.
 */
const dateTimes = new Map<string, Intl.DateTimeFormat>()

/** One formatter per zone ('' is the server's), made on first use. */
function dateTimeIn(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? ''
  let f = dateTimes.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', {
      dateStyle: 'short',
      timeStyle: 'medium',
      ...(timeZone ? { timeZone } : {}),
    })
    dateTimes.set(key, f)
  }
  return f
}

/**
 * `2026-11-24 06:33:39`, or an em dash when unknown; in `timeZone` (a site's) when given, else the
 * server's.
 */
export function formatDateTime(ms: number | null | undefined, timeZone?: string): string {
  return ms === null || ms === undefined ? '—' : dateTimeIn(timeZone).format(ms)
}

const times = new Intl.DateTimeFormat('sv-SE', { timeStyle: 'medium' })

/** `06:33:39` in the server's zone (TZ): when a live figure was last updated. */
export function formatTime(ms: number): string {
  return times.format(ms)
}

/** Wh → `12.35 kWh`. */
export function formatKwh(wh: number | null | undefined): string {
  return wh === null || wh === undefined ? '—' : `${(wh / 1000).toFixed(2)} kWh`
}

/** W → `7.4 kW`. */
export function formatKw(w: number | null | undefined): string {
  return w === null || w === undefined ? '—' : `${(w / 1000).toFixed(1)} kW`
}

/** `3 min ago`, relative to `now`. */
export function formatAgo(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined) return 'never'
  const s = Math.max(0, Math.round((now - ms) / 1000))
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`
  return `${Math.floor(s / 86_400)} d ago`
}

/** `1 h 05 min` for a duration in ms. */
export function formatDuration(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000))
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`
}

/** `16.0 A` or an em dash. */
export function formatAmps(a: number | null | undefined): string {
  return a === null || a === undefined ? '—' : `${a.toFixed(1)} A`
}
