/** Kinds of identification token we store (1.6 idTags have no type; 2.0.1 IdTokenEnumType, plus RFID/App). */
export const tokenTypes = [
  'RFID',
  'ISO14443',
  'ISO15693',
  'App',
  'Central',
  'eMAID',
  'KeyCode',
  'Local',
  'MacAddress',
  'NoAuthorization',
] as const

/** A token kind. */
export type TokenType = (typeof tokenTypes)[number]

/** Statuses an operator can give a token. */
export const tokenStatuses = ['Accepted', 'Blocked', 'Expired', 'Invalid'] as const

/** Longest token id (2.0.1 idToken; 1.6 idTags are at most 20, so longer ids only work on 2.0.1). */
export const MAX_TOKEN_ID = 36
