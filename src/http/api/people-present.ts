import type { GroupListRow, GroupMemberRow, GroupRow } from '@src/db/repos/groups'
import type { BusinessAccountRow, CostCentreRow, DriverRow, HouseholdRow } from '@src/db/repos/people'
import type { TokenRow } from '@src/db/repos/tokens'
import { iso } from './present'

/** A driver as the API shows it. */
export const driverJson = (d: DriverRow & { apartment?: string | null; parkingSpace?: string | null }) => ({
  id: d.id,
  organizationId: d.organizationId,
  name: d.name,
  email: d.email,
  phone: d.phone,
  language: d.language,
  householdId: d.householdId,
  businessAccountId: d.businessAccountId,
  costCentre: d.costCentre,
  ...(d.apartment === undefined ? {} : { apartment: d.apartment, parkingSpace: d.parkingSpace ?? null }),
  updatedAt: iso(d.updatedAt),
})

/** A household as the API shows it. */
export const householdJson = (h: HouseholdRow) => ({
  id: h.id,
  organizationId: h.organizationId,
  apartment: h.apartment,
  parkingSpace: h.parkingSpace,
  name: h.name,
  siteId: h.siteId,
  updatedAt: iso(h.updatedAt),
})

/** A business account as the API shows it. */
export const businessAccountJson = (b: BusinessAccountRow) => ({
  id: b.id,
  organizationId: b.organizationId,
  name: b.name,
  companyNumber: b.companyNumber,
  billingEmail: b.billingEmail,
  updatedAt: iso(b.updatedAt),
})

/** A cost centre as the API shows it. */
export const costCentreJson = (c: CostCentreRow) => ({ code: c.code, name: c.name })

/** A group as the API shows it (with its member count when listed). */
export const groupJson = (g: GroupRow | GroupListRow) => ({
  id: g.id,
  organizationId: g.organizationId,
  name: g.name,
  kind: g.kind,
  ...('members' in g ? { members: g.members } : {}),
  updatedAt: iso(g.updatedAt),
})

/** A group member as the API shows it. */
export const memberJson = (m: GroupMemberRow) => ({
  kind: m.memberKind,
  id: m.memberId,
  since: iso(m.createdAt),
})

/** A token in a driver's, household's or business account's detail. */
export const ownedTokenJson = (t: TokenRow) => ({
  uid: t.uid,
  type: t.type,
  status: t.status,
  label: t.label,
})
