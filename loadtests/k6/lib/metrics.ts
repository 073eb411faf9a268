import { Counter, Rate, Trend } from 'k6/metrics'

/** Round trip of each charger → CSMS call (ms), tagged with `action`. Budget: p99 < 50 ms. */
export const ocppRtt = new Trend('ocpp_rtt', true)
/** Share of calls that failed: CALLERROR, refused answer (boot or token not Accepted), or no answer. */
export const ocppErrors = new Rate('ocpp_errors')
/** Share of BootNotifications answered Accepted. */
export const bootAccepted = new Rate('ocpp_boot_accepted')
/** CSMS → charger calls answered by the simulated chargers. */
export const csmsCalls = new Counter('ocpp_csms_calls')
/** Transactions started and stopped. */
export const transactions = new Counter('ocpp_transactions')

/**
 * The thresholds that encode the OCPP budgets (ARCHITECTURE.md, "Performance budgets"): round trip
 * p99 < 50 ms overall and for the version's meter-value action, < 1 % failed calls, boots Accepted.
 */
export function ocppThresholds(meterAction: 'MeterValues' | 'TransactionEvent'): Record<string, string[]> {
  return {
    ocpp_rtt: ['p(99)<50'],
    [`ocpp_rtt{action:${meterAction}}`]: ['p(99)<50'],
    ocpp_errors: ['rate<0.01'],
    ocpp_boot_accepted: ['rate>0.99'],
    checks: ['rate>0.99'],
  }
}
