import { COSTMSG, COSTMSG_VENDOR } from '@src/domain/sessions/california-pricing'
import type { DataTransferRequest, DataTransferResponse } from '@src/ocpp/v16/generated/messages'
import type { SimStation } from './sim-station'

/**
 * A 1.6 station's DataTransfer: the California Pricing messages (vendor
 * `org.openchargealliance.costmsg`) are shown on the display of the connector they name, by
 * transaction (RunningCost, FinalCost) or by the driver's token (SetUserPrice), while the configuration
 * key `CustomDisplayCostAndPrice` is true. Other vendors are unknown to it; a message it cannot read
 * or place is Rejected.
 */
export function dataTransfer16(st: SimStation, req: DataTransferRequest): DataTransferResponse {
  if (req.vendorId !== COSTMSG_VENDOR || !st.config.bool('CustomDisplayCostAndPrice'))
    return { status: 'UnknownVendorId' }
  const data = parsed(req.data)
  if (!data) return { status: 'Rejected' }
  const at = st.clock.now()
  const byTx = st.connectors.find((c) => c.tx !== undefined && c.tx.id === data.transactionId)
  switch (req.messageId) {
    case COSTMSG.setUserPrice: {
      const c = st.connectors.find((x) => x.tx?.idTag === data.idToken)
      if (!c || typeof data.priceText !== 'string') return { status: 'Rejected' }
      st.showOnDisplay(c.id, { text: data.priceText, source: 'SetUserPrice', at })
      return { status: 'Accepted' }
    }
    case COSTMSG.runningCost:
      if (!byTx || typeof data.cost !== 'number') return { status: 'Rejected' }
      st.showOnDisplay(byTx.id, { cost: data.cost, source: 'RunningCost', at })
      return { status: 'Accepted' }
    case COSTMSG.finalCost: {
      const c = st.connectors.find((x) => x.lastTxId === data.transactionId) ?? byTx
      if (!c || typeof data.cost !== 'number') return { status: 'Rejected' }
      const text = typeof data.priceText === 'string' ? { text: data.priceText } : {}
      st.showOnDisplay(c.id, { cost: data.cost, ...text, final: true, source: 'FinalCost', at })
      return { status: 'Accepted' }
    }
    default:
      return { status: 'UnknownMessageId' }
  }
}

function parsed(data: string | undefined): Record<string, unknown> | undefined {
  if (data === undefined) return undefined
  try {
    const v: unknown = JSON.parse(data)
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
