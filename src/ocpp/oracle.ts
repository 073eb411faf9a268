import { requireTool } from '@src/testing/require-tool'
import { loadOfficialSchemas, type MessageKind, type OcppVersion } from './official-schemas'

/**
 * The official OCPP JSON schemas as a test oracle (from `OCPP_SCHEMAS_DIR`, `../shared/ocpp-schemas`,
 * or the `ocpp-rpc` package). When none is found, conformance tests skip loudly, and fail with `CI=true`.
 */
export const official = loadOfficialSchemas()

requireTool({
  tool: 'the official OCPP JSON schemas',
  available: official !== undefined,
  install: 'npm install (the ocpp-rpc dev dependency ships them), or set OCPP_SCHEMAS_DIR',
  needed: 'the OCPP conformance and schema agreement tests',
})

/** Throws, naming the action and the schema errors, unless `payload` conforms to the official schema. */
export function expectConforms(
  version: OcppVersion,
  action: string,
  kind: MessageKind,
  payload: unknown,
): void {
  const result = official!.validate(version, action, kind, payload)
  if (!result.ok)
    throw new Error(
      `${version} ${action} ${kind} does not conform: ${result.errors}\n${JSON.stringify(payload)}`,
    )
}
