import type { SendLocalListRequest, SendLocalListResponse } from '@src/ocpp/v16/generated/messages'

/** One id tag on the list: its status and when the entry stops holding (null: never). */
interface ListedTag {
  status: string
  expiresAt: number | null
}

/**
 * An OCPP 1.6 charge point's local authorization list (Local Auth List Management profile): Full
 * replaces it, Differential needs a newer version and adds, changes or (without idTagInfo) removes,
 * and offline an id tag is decided from it, an entry past its expiry date counting as Expired.
 */
export class SimLocalList {
  version = 0
  readonly entries = new Map<string, ListedTag>()

  /** Applies a SendLocalList (the list off in the configuration: NotSupported, as the spec says). */
  apply(req: SendLocalListRequest, enabled: boolean): SendLocalListResponse {
    if (!enabled) return { status: 'NotSupported' }
    if (req.updateType === 'Differential' && req.listVersion <= this.version)
      return { status: 'VersionMismatch' }
    if (req.updateType === 'Full') this.entries.clear()
    for (const e of req.localAuthorizationList ?? []) {
      if (!e.idTagInfo) this.entries.delete(e.idTag)
      else
        this.entries.set(e.idTag, {
          status: e.idTagInfo.status,
          expiresAt: e.idTagInfo.expiryDate ? Date.parse(e.idTagInfo.expiryDate) : null,
        })
    }
    this.version = req.listVersion
    return { status: 'Accepted' }
  }

  /** The list's answer for an id tag at `now`: its status, Expired past its expiry, undefined when not listed. */
  statusOf(idTag: string, now: number): string | undefined {
    const e = this.entries.get(idTag)
    if (!e) return undefined
    return e.expiresAt !== null && e.expiresAt <= now && e.status === 'Accepted' ? 'Expired' : e.status
  }
}
