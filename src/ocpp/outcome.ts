import { type CommandOutcome, outcome } from '@src/domain/charger/commands'
import type { z } from 'zod'
import type { CallOutcome } from './rpc/connection'
import { neutralCode, RpcError } from './rpc/errors'

/**
 * Reads a charger's answer to our CALL into a neutral outcome. The answer is validated against the
 * official schema of the response (edge validation), so nothing malformed reaches the caller.
 */
export function readOutcome(action: string, call: CallOutcome, schema: z.ZodType): CommandOutcome {
  switch (call.kind) {
    case 'timeout':
      return outcome.timeout()
    case 'closed':
      return outcome.offline()
    case 'busy':
      return { status: 'Busy', detail: 'too many commands are waiting for this charger' }
    case 'error': {
      const code = neutralCode(call.code)
      if (code === RpcError.NotImplemented || code === RpcError.NotSupported) {
        return outcome.notSupported(`the charger does not support ${action}: ${call.description}`)
      }
      return { status: 'Failed', detail: `${call.code}: ${call.description}` }
    }
    case 'result': {
      const parsed = schema.safeParse(call.payload)
      if (!parsed.success)
        return { status: 'Failed', detail: `invalid ${action} response: ${parsed.error.issues[0]?.message}` }
      const data = parsed.data as Record<string, unknown>
      const status = typeof data.status === 'string' ? data.status : 'Accepted'
      const detail = statusInfoReason(data)
      return { status, ...(detail ? { detail } : {}), data }
    }
  }
}

/** 2.0.1 responses may carry `statusInfo.reasonCode`/`additionalInfo`: the charger's reason. */
function statusInfoReason(data: Record<string, unknown>): string | undefined {
  const info = data.statusInfo as { reasonCode?: string; additionalInfo?: string } | undefined
  if (!info?.reasonCode) return undefined
  return info.additionalInfo ? `${info.reasonCode}: ${info.additionalInfo}` : info.reasonCode
}
