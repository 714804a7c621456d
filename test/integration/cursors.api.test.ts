// Page cursors are opaque, but a client can forge one. Regression: `GET /contacts` took a cursor holding the
// instant 253402300800000 (year 10000, within a JavaScript date's range), which the driver wrote as
// `+010000-01-01T…Z` and the database refused: a 500. Every cursor this API reads is checked here with forged
// values (far instants, NUL, wrong types, numbers out of range): each gets a 4xx problem, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
let contactId: string;

beforeAll(async () => {
  h = await startHarness();
  contactId = (await openRequest(h)).id;
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const json = (value: unknown) => base64url(JSON.stringify(value));

/** Every forged cursor gets a problem with a 4xx status (the code a refused cursor has is 422). */
async function refusesAll(path: (cursor: string) => string, as: string, cursors: string[]) {
  for (const cursor of cursors) {
    const response = await h.call('GET', path(cursor), { as });
    expect(response.status, `${path(cursor)}: ${Buffer.from(cursor, 'base64url').toString()}`).toBe(422);
    await expectProblem(response, 422, 'invalid_input');
  }
}

describe('GET /contacts?cursor', () => {
  it('refuses a cursor with an instant the database cannot store, or an id that is not one', async () => {
    const yearTenThousand = Date.UTC(10_000, 0, 1);
    await refusesAll((c) => `/contacts?cursor=${c}`, USERS.reporter, [
      json({ u: yearTenThousand, i: 'x' }),
      json({ u: 8.64e15, i: 'x' }),
      json({ u: -1, i: 'x' }),
      json({ u: 1.5, i: 'x' }),
      json({ u: '1', i: 'x' }),
      json({ u: 0, i: '\u0000' }),
      json({ u: 0, i: 'a'.repeat(65) }),
      json({ u: 0 }),
      json(null),
      json([1, 'x']),
      base64url('not json'),
    ]);
  });

  it('still pages with the cursors it hands out, and with the last instant a four-digit year holds', async () => {
    const first = await expectJson<{ items: { id: string }[]; nextCursor: string | null }>(
      await h.call('GET', '/contacts?limit=1', { as: USERS.reporter }),
      200,
    );
    expect(first.items.map((i) => i.id)).toEqual([contactId]);
    await expectJson(
      await h.call(
        'GET',
        `/contacts?cursor=${json({ u: Date.UTC(9999, 11, 31, 23, 59, 59, 999), i: 'x' })}`,
        {
          as: USERS.reporter,
        },
      ),
      200,
    );
    await expectJson(
      await h.call('GET', `/contacts?cursor=${json({ u: 0, i: contactId })}`, { as: USERS.reporter }),
      200,
    );
  });
});

describe('the other cursors', () => {
  it('refuse forged cursors with a problem: notifications, messages, the change feed, the directory', async () => {
    const numbers = (prefix: string) => [
      base64url(`${prefix}9999999999999999`),
      base64url(`${prefix}-1`),
      base64url(`${prefix}1e3`),
      base64url(`${prefix}\u00001`),
      base64url(`${prefix}`),
      json({ u: 1, i: 'x' }),
    ];
    await refusesAll((c) => `/notifications?cursor=${c}`, USERS.clerk, [...numbers('n'), base64url('n0')]);
    await refusesAll((c) => `/contacts/${contactId}/messages?cursor=${c}`, USERS.reporter, numbers('m'));
    await refusesAll((c) => `/spokespersons/changes?since=${c}`, USERS.supervisor, numbers('c'));
    await refusesAll(
      (c) => `/public/spokespersons?cursor=${c}`,
      USERS.reporter,
      ['-1', '1.5', '100001', '1e300', 'NaN', 'Infinity'].map(base64url),
    );
  });
});
