import { loadOfficialSchemas, type MessageKind, type OcppVersion } from './official-schemas'

/**
 * The official OCPP JSON schemas as a test oracle (from `OCPP_SCHEMAS_DIR`, `../shared/ocpp-schemas`,
 * or the `ocpp-rpc` package). When none is found, conformance tests say so loudly and skip.
 */
export const official = loadOfficialSchemas()

if (!official) {
  console.warn(
    '\n!!! Official OCPP JSON schemas not found: OCPP conformance tests are SKIPPED.\n' +
      '!!! Set OCPP_SCHEMAS_DIR, or run `npm install` (the ocpp-rpc dev dependency ships them).\n',
  )
}

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
