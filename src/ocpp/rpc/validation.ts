import type { z } from 'zod'
import { RpcError, type RpcFailure } from './errors'

type Issue = z.core.$ZodIssue

/**
 * Turns a zod validation error on an OCPP payload into the CALLERROR the spec asks for:
 * a missing required field or a wrong item count is an occurrence violation, a wrong JSON type a type
 * violation, a bad value (enum, length, format, range) a property violation, and an unknown field breaks
 * the message's structure (format violation).
 */
export function validationFailure(error: z.ZodError, payload: unknown): RpcFailure {
  const issue = error.issues[0]!
  const where = issue.path.length ? issue.path.join('.') : '(payload)'
  return {
    code: classify(issue, payload),
    description: `${where}: ${issue.message}`,
    details: { path: issue.path.map(String) },
  }
}

function classify(issue: Issue, payload: unknown): RpcFailure['code'] {
  if (issue.path.length > 0 && isMissing(payload, issue.path)) return RpcError.OccurrenceConstraintViolation
  switch (issue.code) {
    case 'invalid_type':
      return RpcError.TypeConstraintViolation
    case 'too_small':
    case 'too_big':
      return issue.origin === 'array'
        ? RpcError.OccurrenceConstraintViolation
        : RpcError.PropertyConstraintViolation
    case 'unrecognized_keys':
      return RpcError.FormatViolation
    default:
      return RpcError.PropertyConstraintViolation
  }
}

function isMissing(payload: unknown, path: PropertyKey[]): boolean {
  let node: unknown = payload
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) return true
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node === undefined
}
