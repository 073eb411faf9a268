import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** A person who charges: any number of tokens, optionally in a household or a business account. */
export const drivers = sqliteTable(
  'drivers',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** BCP 47 language tag, e.g. `sv`, `en`. */
    language: text('language'),
    householdId: text('household_id'),
    businessAccountId: text('business_account_id'),
    /** The business account's cost centre this driver's charging is booked to. */
    costCentre: text('cost_centre'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('drivers_by_org').on(t.organizationId, t.name),
    index('drivers_by_household').on(t.householdId),
    index('drivers_by_business').on(t.businessAccountId),
  ],
)

/** A co-op apartment: several drivers and tokens billed together, by apartment and parking space. */
export const households = sqliteTable(
  'households',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    siteId: text('site_id'),
    apartment: text('apartment').notNull(),
    parkingSpace: text('parking_space'),
    name: text('name'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('households_by_apartment').on(t.organizationId, t.apartment)],
)

/** A company whose employees' charging is billed to it. */
export const businessAccounts = sqliteTable(
  'business_accounts',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    /** The company's registration number (Swedish organisationsnummer). */
    companyNumber: text('company_number'),
    billingEmail: text('billing_email'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('business_accounts_by_org').on(t.organizationId, t.name)],
)

/** A cost centre of a business account. */
export const costCentres = sqliteTable(
  'cost_centres',
  {
    businessAccountId: text('business_account_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.businessAccountId, t.code] })],
)

/** A named group (employees, tenants, visitors, guests, fleet vehicles, or any the organization names). */
export const groups = sqliteTable(
  'groups',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    /** `employees`, `tenants`, `visitors`, `guests`, `fleet` or `custom`. */
    kind: text('kind').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('groups_by_name').on(t.organizationId, t.name)],
)

/** A member of a group: a driver, a household, a token or a whole business account. */
export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id').notNull(),
    /** `driver`, `household`, `token` or `business`. */
    memberKind: text('member_kind').notNull(),
    memberId: text('member_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.memberKind, t.memberId] }),
    index('group_members_by_member').on(t.memberKind, t.memberId),
  ],
)
