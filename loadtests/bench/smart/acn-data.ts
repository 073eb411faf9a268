import { readFileSync } from 'node:fs'

/** One ACN-Data session, in the simulator's 5-minute periods (see workload/README.md). */
export interface AcnSession {
  readonly id: string
  readonly station: string
  readonly arrival: number
  readonly departure: number
  readonly estimatedDeparture: number
  readonly requestedKwh: number
  readonly maxPowerKw: number
}

/** The workload, shipped with the benchmark (a copy of `../shared/acn`, see workload/README.md). */
export const DEFAULT_ACN_CSV = new URL('./workload/caltech_2019-03_sessions.csv', import.meta.url).pathname

/** Parses the sessions CSV; a malformed line is a broken benchmark input and throws. */
export function loadAcnSessions(path: string = DEFAULT_ACN_CSV): AcnSession[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/)
  const cols = (header ?? '').split(',')
  const at = (name: string): number => {
    const i = cols.indexOf(name)
    if (i < 0) throw new Error(`column ${name} missing in ${path}`)
    return i
  }
  const idx = {
    id: at('session_id'),
    station: at('station_id'),
    arrival: at('arrival'),
    departure: at('departure'),
    est: at('estimated_departure'),
    kwh: at('requested_kwh'),
    kw: at('max_power_kw'),
  }
  return lines.map((line) => {
    const f = line.split(',')
    const num = (i: number): number => {
      const v = Number(f[i])
      if (!Number.isFinite(v)) throw new Error(`bad number in ${path}: ${line}`)
      return v
    }
    return {
      id: f[idx.id] ?? '',
      station: f[idx.station] ?? '',
      arrival: num(idx.arrival),
      departure: num(idx.departure),
      estimatedDeparture: num(idx.est),
      requestedKwh: num(idx.kwh),
      maxPowerKw: num(idx.kw),
    }
  })
}
