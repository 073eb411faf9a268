/**
 * Why the OCPP endpoint turned a charger away: the reason label counted in
 * `ocpp_handshakes_refused_total`, and the sentence a person connecting a charger reads in the log.
 */
export const REFUSALS = {
  'bad-identity': 'the URL is not /ocpp/{chargerId} with an id OCPP allows',
  'not-websocket': 'the request is not a WebSocket upgrade',
  subprotocol: 'it offers no OCPP version we speak (Sec-WebSocket-Protocol)',
  unknown: 'no charger with this id is registered',
  'auth-missing': 'the charger has a password but sent no HTTP Basic credentials for its id',
  'auth-wrong': 'the password is wrong',
  locked: 'too many failed logins from this address: locked out for a while',
  'upgrade-failed': 'the WebSocket upgrade failed',
  'boot-timeout': 'it sent no BootNotification in time and was closed',
} as const

/** A refusal reason: a key of {@link REFUSALS}. */
export type RefusalReason = keyof typeof REFUSALS
