import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { auditLog } from '@src/db/schema'
import { builtInRole } from '@src/domain/tenancy/roles'
import { resolveScope, type Scope } from '@src/domain/tenancy/scope'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'
import { type PolicyInput, policyInput } from './policy-input'

let node: TestNode
let coopAdmin: Scope
let coopBoard: Scope
let officeAdmin: Scope
const announced: string[] = []
const ids = { coopGroup: '', officeGroup: '' }

const scopeOf = async (org: string, roleId: string): Promise<Scope> =>
  resolveScope(
    { kind: 'system', label: `${roleId}@${org}` },
    [{ organizationId: org, role: builtInRole(roleId)! }],
    await node.deps.repos.organizations.tree(),
  )

const input = (over: Record<string, unknown>): PolicyInput =>
  policyInput.parse({ name: 'p', whoKind: 'anyone', whereKind: 'site', whereId: 'coop-site', ...over })

beforeAll(async () => {
  node = await startTestNode()
  const api = apiClient(node)
  for (const id of ['coop', 'office']) {
    expect((await api('POST', '/organizations', { id, name: id })).status).toBe(201)
    expect((await api('PUT', `/chargers/${id}-CP`, { organizationId: id })).status).toBeLessThan(300)
    expect(
      (await api('PUT', `/sites/${id}-site`, { name: id, mainFuseA: 63, organizationId: id })).status,
    ).toBe(201)
    expect(
      (await api('PUT', `/sites/${id}-site/circuits/row-a`, { name: 'Row A', limitA: 32 })).status,
    ).toBeLessThan(300)
    expect(
      (await api('PUT', `/tokens/${id}-TAG`, { type: 'ISO14443', status: 'Accepted', organizationId: id }))
        .status,
    ).toBe(201)
  }
  ids.coopGroup = (
    await api('POST', '/groups', { name: 'Visitors', kind: 'visitors', organizationId: 'coop' })
  ).body.id
  ids.officeGroup = (
    await api('POST', '/groups', { name: 'Staff', kind: 'employees', organizationId: 'office' })
  ).body.id
  coopAdmin = await scopeOf('coop', 'org-admin')
  coopBoard = await scopeOf('coop', 'board')
  officeAdmin = await scopeOf('office', 'org-admin')
  node.deps.bus.subscribe(subjects.accessChanged, (p) =>
    announced.push((p as { organizationId: string }).organizationId),
  )
})
afterAll(() => node.dispose())

const edits = () => node.deps.services.policyEdits
const order = async (org: string) =>
  (await node.deps.repos.accessPolicies.list(undefined, org)).map((p) => `${p.position}:${p.name}`)

describe('creating a policy', () => {
  test('goes last in the caller’s organization, with an audit entry, and is announced after the commit', async () => {
    const from = announced.length
    const a = await edits().create(coopAdmin, input({ name: 'Residents' }))
    const b = await edits().create(
      coopAdmin,
      input({ name: 'Visitors evenings', whoKind: 'group', whoId: ids.coopGroup }),
    )
    if (!a.ok || !b.ok) throw new Error('refused')
    expect([a.policy.organizationId, a.policy.position, b.policy.position]).toEqual(['coop', 1, 2])
    expect(announced.slice(from)).toEqual(['coop', 'coop'])
    const [entry] = await node.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, b.policy.id))
    expect(entry?.action).toBe('policy.created')
    expect(entry?.organizationId).toBe('coop')
    expect(entry?.after).toMatchObject({ name: 'Visitors evenings' })
  })

  test.each([
    [{ whoKind: 'group', whoId: 'grp_none' }, 'whoId', 'no group grp_none in organization coop'],
    [{ whoKind: 'token', whoId: 'office-TAG' }, 'whoId', 'no token office-TAG in organization coop'],
    [{ whoKind: 'group', whoId: null }, 'whoId', 'choose the group'],
    [{ whoKind: 'anyone', whoId: 'coop-TAG' }, 'whoId', 'a policy for anyone names no one'],
    [{ whereKind: 'site', whereId: 'office-site' }, 'whereId', 'no site office-site in organization coop'],
    [{ whereKind: 'charger', whereId: 'office-CP' }, 'whereId', 'no charger office-CP'],
    [{ whereKind: 'organization', whereId: 'office' }, 'whereId', 'no organization office'],
    [{ whereKind: 'circuit', whereId: 'coop-site', whereSub: 'row-z' }, 'whereSub', 'has no circuit row-z'],
    [{ whereKind: 'evse', whereId: 'coop-CP', whereSub: 'x' }, 'whereSub', 'choose the EVSE'],
    [{ whereKind: 'site', whereSub: 'row-a' }, 'whereSub', 'takes no whereSub'],
    [{ validFrom: 2000, validUntil: 1000 }, 'validUntil', 'must end after it begins'],
  ])(
    'a reference that is not there is refused with 422 naming the field: %j',
    async (over, field, message) => {
      const before = await order('coop')
      const out = await edits().create(coopAdmin, input(over))
      expect(out.ok).toBe(false)
      if (out.ok) return
      expect([out.status, out.field]).toEqual([422, field])
      expect(out.message).toContain(message)
      expect(await order('coop')).toEqual(before)
    },
  )

  test('what the policy names may be in the organization itself or below it', async () => {
    const out = await edits().create(
      coopAdmin,
      input({
        name: 'Row A',
        whereKind: 'circuit',
        whereId: 'coop-site',
        whereSub: 'row-a',
        whoKind: 'token',
        whoId: 'coop-TAG',
      }),
    )
    expect(out.ok).toBe(true)
    if (out.ok) await edits().remove(coopAdmin, out.policy.id)
  })

  test('another tenant’s organization is refused, and a board member cannot write', async () => {
    const other = await edits().create(coopAdmin, input({ organizationId: 'office' }))
    expect(other).toMatchObject({ ok: false, status: 400, field: 'organizationId' })
    const board = await edits().create(coopBoard, input({}))
    expect(board).toMatchObject({ ok: false, status: 400 })
  })
})

describe('changing, moving and removing', () => {
  test('an update keeps the organization and the position; another tenant gets 404, a board 403', async () => {
    const [first] = await node.deps.repos.accessPolicies.list(undefined, 'coop')
    const out = await edits().update(
      coopAdmin,
      first!.id,
      input({ name: 'Residents always', organizationId: 'office' }),
    )
    expect(out).toMatchObject({
      ok: true,
      policy: { organizationId: 'coop', position: 1, name: 'Residents always' },
    })
    expect(await edits().update(officeAdmin, first!.id, input({}))).toMatchObject({ ok: false, status: 404 })
    expect(await edits().update(coopBoard, first!.id, input({}))).toMatchObject({ ok: false, status: 403 })
    expect(await edits().remove(officeAdmin, first!.id)).toMatchObject({ ok: false, status: 404 })
  })

  test('moves renumber the whole organization 1..n in one write, clamped at the ends', async () => {
    const third = await edits().create(coopAdmin, input({ name: 'Board' }))
    if (!third.ok) throw new Error('refused')
    expect(await order('coop')).toEqual(['1:Residents always', '2:Visitors evenings', '3:Board'])
    await edits().move(coopAdmin, third.policy.id, { direction: 'up' })
    expect(await order('coop')).toEqual(['1:Residents always', '2:Board', '3:Visitors evenings'])
    await edits().move(coopAdmin, third.policy.id, { position: 1 })
    expect(await order('coop')).toEqual(['1:Board', '2:Residents always', '3:Visitors evenings'])
    const top = await edits().move(coopAdmin, third.policy.id, { direction: 'up' })
    expect(top).toMatchObject({ ok: true, policy: { position: 1 } })
    await edits().move(coopAdmin, third.policy.id, { position: 99 })
    expect(await order('coop')).toEqual(['1:Residents always', '2:Visitors evenings', '3:Board'])
    const moves = await node.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'policy.moved'))
    expect(moves.length).toBe(4)
  })

  test('a removal closes the gap and is announced', async () => {
    const [, second] = await node.deps.repos.accessPolicies.list(undefined, 'coop')
    const from = announced.length
    expect(await edits().remove(coopAdmin, second!.id)).toMatchObject({ ok: true })
    expect(await order('coop')).toEqual(['1:Residents always', '2:Board'])
    expect(announced.slice(from)).toEqual(['coop'])
  })
})
