import { describe, expect, test } from 'bun:test'
import { auditCsv, csvField } from './audit-export'

describe('audit CSV', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=cmd()', "'=cmd()"],
    ['-1', "'-1"],
  ]
  for (const [value, field] of cases)
    test(`the field ${JSON.stringify(value)} is written ${field}`, () => {
      expect(csvField(value)).toBe(field)
    })

  test('a header, then one line per entry with before and after as JSON', () => {
    const csv = auditCsv([
      {
        id: 1,
        organizationId: 'coop',
        at: Date.UTC(2026, 0, 2, 3, 4, 5),
        actorKind: 'account',
        actorId: '7',
        actorLabel: 'admin@coop.example',
        action: 'token.created',
        entity: 'token',
        entityId: 'CARD-1',
        before: null,
        after: { uid: 'CARD-1' },
      },
    ])
    expect(csv).toBe(
      'id,at,organization,actor,action,entity,entity_id,before,after\r\n' +
        '1,2026-01-02T03:04:05.000Z,coop,admin@coop.example,token.created,token,CARD-1,null,"{""uid"":""CARD-1""}"\r\n',
    )
  })
})
