/**
 * A local authorisation list's entries, or no field at all: both versions' schemas require at least one
 * entry when the field is present (an empty Full list clears the station's list).
 */
export function localList<E, T>(entries: readonly E[], map: (e: E) => T): { localAuthorizationList?: T[] } {
  return entries.length ? { localAuthorizationList: entries.map(map) } : {}
}
