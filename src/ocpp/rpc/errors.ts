/**
 * OCPP-J RPC error codes. We use one neutral vocabulary inside, and each protocol version spells it on
 * the wire (1.6 says `FormationViolation` and `OccurenceConstraintViolation` [sic], 2.0.1 says
 * `FormatViolation` and `OccurrenceConstraintViolation`).
 */
export const RpcError = {
  FormatViolation: 'FormatViolation',
  GenericError: 'GenericError',
  InternalError: 'InternalError',
  MessageTypeNotSupported: 'MessageTypeNotSupported',
  NotImplemented: 'NotImplemented',
  NotSupported: 'NotSupported',
  OccurrenceConstraintViolation: 'OccurrenceConstraintViolation',
  PropertyConstraintViolation: 'PropertyConstraintViolation',
  ProtocolError: 'ProtocolError',
  RpcFrameworkError: 'RpcFrameworkError',
  SecurityError: 'SecurityError',
  TypeConstraintViolation: 'TypeConstraintViolation',
} as const

/** A neutral RPC error code. */
export type RpcErrorCode = (typeof RpcError)[keyof typeof RpcError]

/** An RPC failure to be answered with a CALLERROR. */
export interface RpcFailure {
  code: RpcErrorCode
  description: string
  details?: Record<string, unknown>
}

/** The OCPP 1.6-J spelling of each neutral code (1.6 has no RpcFrameworkError or MessageTypeNotSupported). */
export const wireCode16: Record<RpcErrorCode, string> = {
  FormatViolation: 'FormationViolation',
  GenericError: 'GenericError',
  InternalError: 'InternalError',
  MessageTypeNotSupported: 'ProtocolError',
  NotImplemented: 'NotImplemented',
  NotSupported: 'NotSupported',
  OccurrenceConstraintViolation: 'OccurenceConstraintViolation',
  PropertyConstraintViolation: 'PropertyConstraintViolation',
  ProtocolError: 'ProtocolError',
  RpcFrameworkError: 'FormationViolation',
  SecurityError: 'SecurityError',
  TypeConstraintViolation: 'TypeConstraintViolation',
}

/** The OCPP 2.0.1 / 2.1 spelling: identical to the neutral codes. */
export const wireCode201: Record<RpcErrorCode, string> = Object.fromEntries(
  Object.keys(RpcError).map((k) => [k, k]),
) as Record<RpcErrorCode, string>

/** Reads a wire error code of either version back into the neutral vocabulary. */
export function neutralCode(wire: string): RpcErrorCode {
  if (wire === 'FormationViolation') return RpcError.FormatViolation
  if (wire === 'OccurenceConstraintViolation') return RpcError.OccurrenceConstraintViolation
  return (RpcError as Record<string, RpcErrorCode>)[wire] ?? RpcError.GenericError
}
