import { DEFAULT_MEASURAND, type MeterSample } from './types'

const energyScale: Record<string, number> = { Wh: 1, kWh: 1000 }

/** One reading of the total active import energy register, in Wh, with the context it was taken in. */
export interface RegisterReading {
  at: number
  wh: number
  context?: string
}

/**
 * The readings of the total active import energy register among `samples`, in Wh. Per-phase readings
 * are left out, since their sum is what the total reads, and so are readings at the inlet or the EV,
 * values that are not numbers (signed data) and times that are not finite.
 */
export function registerReadings(samples: readonly MeterSample[]): RegisterReading[] {
  const out: RegisterReading[] = []
  for (const s of samples) {
    if (s.measurand !== DEFAULT_MEASURAND || s.phase !== undefined || s.value === undefined) continue
    if (s.location !== undefined && s.location !== 'Outlet') continue
    const scale = energyScale[s.unit ?? 'Wh']
    if (scale === undefined || !Number.isFinite(s.timestamp) || !Number.isFinite(s.value)) continue
    const r: RegisterReading = { at: s.timestamp, wh: s.value * scale }
    if (s.context !== undefined) r.context = s.context
    out.push(r)
  }
  return out
}

/** Parses a sampled value's text; undefined if it is not a finite number (e.g. signed data). */
export function parseSampleValue(raw: string): number | undefined {
  if (raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : undefined
}

/** Live electrical readings derived from samples, for the power loop and live pages. */
export interface LiveReadings {
  powerW?: number
  currentA?: { L1?: number; L2?: number; L3?: number }
  soc?: number
}

const powerScale: Record<string, number> = { W: 1, kW: 1000 }

/** Extracts the latest active power, per-phase current and state of charge from samples. */
export function liveReadings(samples: readonly MeterSample[]): LiveReadings {
  const out: LiveReadings = {}
  for (const s of samples) {
    if (s.value === undefined) continue
    if (s.measurand === 'Power.Active.Import' && s.phase === undefined) {
      const scale = powerScale[s.unit ?? 'W']
      if (scale !== undefined) out.powerW = s.value * scale
    } else if (s.measurand === 'Current.Import') {
      const phase = (s.phase ?? 'L1').slice(0, 2) as 'L1' | 'L2' | 'L3'
      if (phase === 'L1' || phase === 'L2' || phase === 'L3')
        out.currentA = { ...out.currentA, [phase]: s.value }
    } else if (s.measurand === 'SoC') out.soc = s.value
  }
  return out
}
