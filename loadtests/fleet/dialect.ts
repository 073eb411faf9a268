/**
 * What one OCPP version looks like to a fleet charger: the request of each step of a charger's life,
 * how to read the CSMS's answer, and how to answer the CSMS's own calls.
 */

/** The steps of a charger's life the fleet drives (one CALL each). */
export type Step = 'boot' | 'available' | 'heartbeat' | 'start' | 'charging' | 'meter' | 'stop'

/** The per-charger facts the messages are built from. */
export interface ChargerFacts {
  id: string
  /** Connectors (1.6) or EVSEs (2.0.1) of the charger, numbered from 1. */
  connectors: number
  /** The connector/EVSE the current or next transaction is on. */
  connector: number
  /** Energy register of the charger (Wh), growing with every meter value. */
  meterWh: number
  /** The running transaction's id on the wire, if any. */
  txId: string | undefined
  /** 2.0.1 TransactionEvent sequence number. */
  seqNo: number
  /** The token presented to start and stop. */
  idTag: string
}

/** A CSMS → charger call's answer: a payload, or undefined for NotImplemented. */
export type CallAnswer = Record<string, unknown> | undefined

/** One OCPP version's messages. */
export interface Dialect {
  /** The WebSocket subprotocol. */
  readonly protocol: 'ocpp1.6' | 'ocpp2.0.1'
  /** The action and payload of a step (status steps use `facts.connector`). */
  request(step: Step, facts: ChargerFacts): [action: string, payload: unknown]
  /** Reads a CALLRESULT: stores what later steps need and returns why it refuses, if it does. */
  accept(step: Step, facts: ChargerFacts, payload: Record<string, unknown>): string | undefined
  /** A valid answer to a CSMS → charger call. */
  answer(action: string, payload: Record<string, unknown>): CallAnswer
}

let lastMs = 0
let lastIso = ''

/** `new Date().toISOString()`, computed at most once per millisecond (timestamps in every message). */
export function isoNow(): string {
  const ms = Date.now()
  if (ms !== lastMs) {
    lastMs = ms
    lastIso = new Date(ms).toISOString()
  }
  return lastIso
}

/** The current drawn in the samples (A), so meter values carry more than the register. */
export const SAMPLE_CURRENT_A = 16

/** Energy added per meter value (Wh). */
export const WH_PER_SAMPLE = 250

/** Reads `idTagInfo.status` / `idTokenInfo.status` from an answer. */
export function tokenStatus(payload: Record<string, unknown>, key: 'idTagInfo' | 'idTokenInfo'): unknown {
  const info = payload[key]
  return typeof info === 'object' && info !== null ? (info as { status?: unknown }).status : undefined
}
