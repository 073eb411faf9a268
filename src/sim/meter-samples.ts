import type {
  Context,
  MeterValue,
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

/** The measurands a simulated meter reports (the same names in OCPP 1.6 and 2.0.1). */
export type SimMeasurand =
  | 'Energy.Active.Import.Register'
  | 'Power.Active.Import'
  | 'Current.Import'
  | 'Voltage'
  | 'SoC'

/**
 * One measured value, protocol-neutral: each OCPP version formats it its own way (1.6 a string with a
 * `unit`, 2.0.1 a number with a `unitOfMeasure`). `decimals` is the precision the meter reports.
 */
export interface MeterQuantity {
  measurand: SimMeasurand
  value: number
  decimals: number
  unit: 'Wh' | 'W' | 'A' | 'V' | 'Percent'
  phase?: 'L1' | 'L2' | 'L3' | 'L1-N' | 'L2-N' | 'L3-N'
  location: 'Outlet' | 'EV'
}

const PHASES = ['L1', 'L2', 'L3'] as const
const VOLTAGE_PHASES = ['L1-N', 'L2-N', 'L3-N'] as const

/** The active power of a reading (W). */
export function powerW(r: MeterReading): number {
  return r.currentA * r.voltage * r.phasesInUse
}

/**
 * What one reading reports: the energy register, active power, current and voltage per phase (0 A on
 * phases the car does not use), and the car's state of charge (location EV) when known.
 *
 * @example
 * quantities({ registerWh: 1200, currentA: 16, phasesInUse: 3, supplyPhases: 3, voltage: 230, soc: 0.5 })
 * // Energy.Active.Import.Register 1200 Wh, Power.Active.Import 11040 W, Current.Import L1..L3 16 A, Voltage L1-N..L3-N 230 V, SoC 50 %
 */
export function quantities(r: MeterReading): MeterQuantity[] {
  const phases = Array.from({ length: r.supplyPhases }, (_, i) => i)
  const out: MeterQuantity[] = [
    registerQuantity(r.registerWh),
    { measurand: 'Power.Active.Import', value: powerW(r), decimals: 0, unit: 'W', location: 'Outlet' },
    ...phases.map((i): MeterQuantity => {
      const value = i < r.phasesInUse ? r.currentA : 0
      return {
        measurand: 'Current.Import',
        value,
        decimals: 1,
        unit: 'A',
        phase: PHASES[i],
        location: 'Outlet',
      }
    }),
    ...phases.map(
      (i): MeterQuantity => ({
        measurand: 'Voltage',
        value: r.voltage,
        decimals: 1,
        unit: 'V',
        phase: VOLTAGE_PHASES[i],
        location: 'Outlet',
      }),
    ),
  ]
  if (r.soc !== undefined) {
    out.push({
      measurand: 'SoC',
      value: Math.floor(r.soc * 100),
      decimals: 0,
      unit: 'Percent',
      location: 'EV',
    })
  }
  return out
}

/** The energy register alone (Transaction.Begin/End values). */
export function registerQuantity(registerWh: number): MeterQuantity {
  return {
    measurand: 'Energy.Active.Import.Register',
    value: Math.round(registerWh),
    decimals: 0,
    unit: 'Wh',
    location: 'Outlet',
  }
}

/** A quantity in OCPP 1.6 form. */
function sampled16(q: MeterQuantity, context: Context): TransactionDataSampledValue {
  const v: TransactionDataSampledValue = {
    value: q.value.toFixed(q.decimals),
    context,
    location: q.location,
    measurand: q.measurand,
    unit: q.unit,
  }
  if (q.phase) v.phase = q.phase
  return v
}

/**
 * The OCPP 1.6 sampled values of one reading (see {@link quantities}). The shape fits both MeterValues
 * and StopTransaction's transactionData.
 */
export function sampledValues(r: MeterReading, context: Context): TransactionDataSampledValue[] {
  return quantities(r).map((q) => sampled16(q, context))
}

/** A register-only 1.6 sample (Transaction.Begin/End in transactionData, StopTxnSampledData). */
export function registerSample(registerWh: number, context: Context): TransactionDataSampledValue[] {
  return [sampled16(registerQuantity(registerWh), context)]
}

/** One MeterValue (or TransactionData entry: the same shape) at `at` (epoch ms). */
export function meterValue(at: number, sampled: TransactionDataSampledValue[]): MeterValue & TransactionData {
  return { timestamp: new Date(at).toISOString(), sampledValue: sampled }
}
