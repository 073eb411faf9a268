import { displayCost } from '@src/domain/sessions/display-cost'
import type { CallBuilders } from '../call-builders'
import type { Call } from './calls'

/**
 * OCPP 2.0.1 functional block I, TariffAndCost: CostUpdated (I03), the running cost of a transaction
 * for the station's display. The cost is exact decimal text inside the CSMS; the schema wants a
 * number, so it is rounded half-up to 2 decimals first (`displayCost`).
 */
export const tariffCostCalls = {
  costUpdated: (c) => ({
    action: 'CostUpdated',
    payload: { totalCost: displayCost(c.totalCost), transactionId: c.wireTxId },
  }),
} satisfies CallBuilders<Call>
