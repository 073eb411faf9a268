import type {
  Context,
  MeterValue,
  Phase,
  TransactionData,
  TransactionDataSampledValue,
} from '@src/ocpp/v16/generated/messages'

/** What a connector's meter reads at one moment. */
export interface MeterReading {
  /** The energy register (Wh); it only grows. */
  registerWh: number
  /** Current per phase drawn by the car (A). */
  currentA: number
  /** Phases drawing current (1..3); the others read 0 A. */
  phasesInUse: number
  /** Phases the connector is wired with. */
  supplyPhases: number
  /** Phase-to-neutral voltage (V). */
  voltage: number
  /** The car's state of charge (0..1), when the car reports it. */
  soc?: number
}

const PHASES: readonly Phase[] = ['L1', 'L2', 'L3']
const VOLTAGE_PHASES: readonly Phase[] = ['L1-N', 'L2-N', 'L3-N']

/** The active power of a reading (W). */
export function powerW(r: MeterReading): number {
  return r.currentA * r.voltage * r.phasesInUse
}

/**
 * The sampled values of one reading: the energy register, active power, current and voltage per
 * phase, and the car's state of charge (location EV). The shape fits both MeterValues and
 * StopTransaction's transactionData.
 *
 * @example
 * sampledValues({ registerWh: 1200, currentA: 16, phasesInUse: 3, supplyPhases: 3, voltage: 230, soc: 0.5 }, 'Sample.Periodic')
 * // Energy.Active.Import.Register 1200 Wh, Power.Active.Import 11040 W, Current.Import L1..L3 16 A, Voltage L1-N..L3-N, SoC 50 %
 */
export function sampledValues(r: MeterReading, context: Context): TransactionDataSampledValue[] {
  const at = { context, location: 'Outlet' } as const
  const out: TransactionDataSampledValue[] = [
    {
      value: String(Math.round(r.registerWh)),
      ...at,
      measurand: 'Energy.Active.Import.Register',
      unit: 'Wh',
    },
    { value: powerW(r).toFixed(0), ...at, measurand: 'Power.Active.Import', unit: 'W' },
    ...perPhase(r, context),
  ]
  if (r.soc !== undefined) {
    out.push({
      value: String(Math.floor(r.soc * 100)),
      context,
      measurand: 'SoC',
      location: 'EV',
      unit: 'Percent',
    })
  }
  return out
}

/** Current.Import per phase (0 A on phases the car does not use), then Voltage per phase. */
function perPhase(r: MeterReading, context: Context): TransactionDataSampledValue[] {
  const phases = Array.from({ length: r.supplyPhases }, (_, i) => i)
  const at = { context, location: 'Outlet' } as const
  return [
    ...phases.map((i): TransactionDataSampledValue => {
      const amps = i < r.phasesInUse ? r.currentA : 0
      return { value: amps.toFixed(1), ...at, measurand: 'Current.Import', unit: 'A', phase: PHASES[i] }
    }),
    ...phases.map((i): TransactionDataSampledValue => {
      return { value: r.voltage.toFixed(1), ...at, measurand: 'Voltage', unit: 'V', phase: VOLTAGE_PHASES[i] }
    }),
  ]
}

/** A register-only sample (Transaction.Begin/End in transactionData, StopTxnSampledData). */
export function registerSample(registerWh: number, context: Context): TransactionDataSampledValue[] {
  return [
    {
      value: String(Math.round(registerWh)),
      context,
      measurand: 'Energy.Active.Import.Register',
      location: 'Outlet',
      unit: 'Wh',
    },
  ]
}

/** One MeterValue (or TransactionData entry: the same shape) at `at` (epoch ms). */
export function meterValue(at: number, sampled: TransactionDataSampledValue[]): MeterValue & TransactionData {
  return { timestamp: new Date(at).toISOString(), sampledValue: sampled }
}
