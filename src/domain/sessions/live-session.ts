import { z } from 'zod'

/**
 * A running (or just ended) charging session as its `SessionActor` holds it and publishes it as
 * `session.updated`: live energy and power, the cost so far priced by the same function from the same
 * stored readings as the CDR (decimal text, never a float), the tariff version fixed at its start and
 * the departure. All times are epoch ms.
 */
export interface LiveSession {
  type: 'session.updated'
  transactionId: number
  organizationId: string
  chargerId: string
  evseId: number
  idTag: string | null
  startedAt: number
  /** Energy delivered so far (Wh); null while no start or register reading is known. */
  energyWh: number | null
  /** The latest active power the charger sampled (W); null when it sent none. */
  powerW: number | null
  /** Null when the session runs under no tariff. */
  cost: LiveCost | null
  departureAt: number | null
  state: 'running' | 'ended'
  /** When this view was made (the node's clock). */
  at: number
}

/** The cost of a session so far: billed totals as decimal text, up to its latest reading. */
export interface LiveCost {
  tariffId: string
  tariffVersion: number
  currency: string
  exclVat: string
  /** Null when a billed line has no VAT rate. */
  inclVat: string | null
  /** The time of the latest reading priced (the session's end once ended). */
  pricedUntil: number
}

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/)

/**
 * {@link LiveSession} as it arrives from the bus: receivers (the driver's live page, other nodes)
 * validate with it, as with charger events. Unknown fields are stripped.
 */
export const liveSessionSchema: z.ZodType<LiveSession, unknown> = z.object({
  type: z.literal('session.updated'),
  transactionId: z.number().int(),
  organizationId: z.string(),
  chargerId: z.string().min(1),
  evseId: z.number().int().nonnegative(),
  idTag: z.string().nullable(),
  startedAt: z.number(),
  energyWh: z.number().nullable(),
  powerW: z.number().nullable(),
  cost: z
    .object({
      tariffId: z.string(),
      tariffVersion: z.number().int(),
      currency: z.string(),
      exclVat: decimalText,
      inclVat: decimalText.nullable(),
      pricedUntil: z.number(),
    })
    .nullable(),
  departureAt: z.number().nullable(),
  state: z.enum(['running', 'ended']),
  at: z.number(),
})

/** The amount a driver is shown: incl. VAT when known, else excl. VAT (decimal text). */
export function shownTotal(cost: Pick<LiveCost, 'exclVat' | 'inclVat'>): string {
  return cost.inclVat ?? cost.exclVat
}
