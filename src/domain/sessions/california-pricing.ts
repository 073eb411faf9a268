import { shownPrice } from '@src/domain/driver-pages/tariff-words'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { displayCost } from './display-cost'

/**
 * The OCA whitepaper "OCPP & California Pricing Requirements" for OCPP 1.6: cost and price reach the
 * charger's display as DataTransfer messages of this vendor, their `data` a JSON text. Field names as
 * the whitepaper gives them and as implemented by EVerest libocpp
 * (`doc/common/california_pricing_requirements.md`) and MicroOcpp
 * (`src/MicroOcpp/Operations/DataTransferRunningCost.cpp`, `…SetUserPrice.cpp`, `…FinalCost.cpp`).
 */
export const COSTMSG_VENDOR = 'org.openchargealliance.costmsg'

/** The messageIds of {@link COSTMSG_VENDOR}. */
export const COSTMSG = {
  setUserPrice: 'SetUserPrice',
  runningCost: 'RunningCost',
  finalCost: 'FinalCost',
} as const

/** 1.6 configuration keys of the whitepaper that the CSMS reads. */
export const COSTMSG_KEYS = {
  enabled: 'CustomDisplayCostAndPrice',
  decimals: 'NumberOfDecimalsForCostValues',
  languages: 'SupportedLanguages',
  defaultPrice: 'DefaultPrice',
} as const

/** What a 1.6 charger told us about its display, from its configuration keys. */
export interface CostDisplay16 {
  /** `CustomDisplayCostAndPrice` = true: the charger shows what these messages say. */
  enabled: boolean
  /** `NumberOfDecimalsForCostValues`, when reported. */
  decimals: number | undefined
  /** `SupportedLanguages` (comma separated), lower-cased. */
  languages: string[]
  /** `DefaultPrice`'s `priceText`, shown when the CSMS has no tariff for a session. */
  defaultPriceText: string | undefined
}

/** Reads {@link CostDisplay16} from configuration key values (as GetConfiguration reported them). */
export function costDisplay16(values: ReadonlyMap<string, string | null>): CostDisplay16 {
  const decimals = Number.parseInt(values.get(COSTMSG_KEYS.decimals) ?? '', 10)
  const languages = (values.get(COSTMSG_KEYS.languages) ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean)
  return {
    enabled: values.get(COSTMSG_KEYS.enabled)?.trim().toLowerCase() === 'true',
    decimals: Number.isFinite(decimals) ? decimals : undefined,
    languages,
    defaultPriceText: defaultPriceText(values.get(COSTMSG_KEYS.defaultPrice)),
  }
}

/** `DefaultPrice` is a JSON object with a `priceText`; anything else is no default text. */
function defaultPriceText(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined
  try {
    const v: unknown = JSON.parse(raw)
    const text = (v as { priceText?: unknown } | null)?.priceText
    return typeof text === 'string' && text !== '' ? text : undefined
  } catch {
    return undefined
  }
}

/** The whitepaper's `chargingPrice` and `idlePrice` (incl. VAT, as numbers for the display). */
export interface CostmsgPrices {
  chargingPrice: { kWhPrice?: number; hourPrice?: number; flatFee?: number }
  idlePrice?: { graceMinutes: number; hourPrice: number }
}

/** {@link CostmsgPrices} from the tariff's first element and its idle fee. */
export function tariffPrices(tariff: Tariff, decimals: number): CostmsgPrices {
  const element = tariff.elements[0]
  const price = (p: string | number, vat: string | number | undefined) =>
    displayCost(shownPrice(p, vat, '').trim(), decimals)
  const chargingPrice: CostmsgPrices['chargingPrice'] = {}
  for (const c of element?.price_components ?? []) {
    if (c.type === 'ENERGY') chargingPrice.kWhPrice ??= price(c.price, c.vat)
    if (c.type === 'TIME') chargingPrice.hourPrice ??= price(c.price, c.vat)
    if (c.type === 'FLAT') chargingPrice.flatFee ??= price(c.price, c.vat)
  }
  const idle = tariff.idle_fee
  if (!idle) return { chargingPrice }
  return {
    chargingPrice,
    idlePrice: { graceMinutes: idle.grace_minutes, hourPrice: price(idle.price, idle.vat) },
  }
}

/** `SetUserPrice`: the price text for the driver who identified with `idToken`. */
export function setUserPrice(idToken: string, priceText: string): string {
  return JSON.stringify({ idToken, priceText })
}

/** What `RunningCost` says of a running session. */
export interface RunningCostFacts {
  transactionId: number
  at: number
  meterWh: number
  cost: string
  charging: boolean
  prices: CostmsgPrices
  decimals: number
}

/** `RunningCost`: the cost so far at a meter reading, and the prices that apply. */
export function runningCost(f: RunningCostFacts): string {
  const prices = f.prices
  return JSON.stringify({
    transactionId: f.transactionId,
    timestamp: new Date(f.at).toISOString(),
    meterValue: Math.round(f.meterWh),
    cost: displayCost(f.cost, f.decimals),
    state: f.charging ? 'Charging' : 'Idle',
    chargingPrice: prices.chargingPrice,
    ...(prices.idlePrice ? { idlePrice: prices.idlePrice } : {}),
  })
}

/** `FinalCost`: the session's total after it ended, with a text and the receipt's address for a QR code. */
export function finalCost(f: {
  transactionId: number
  cost: string
  decimals: number
  priceText: string
  qrCodeText: string
}): string {
  return JSON.stringify({
    transactionId: f.transactionId,
    cost: displayCost(f.cost, f.decimals),
    priceText: f.priceText,
    qrCodeText: f.qrCodeText,
  })
}
