/**
 * The simulated device's time zone setting, as this run sets it (`--time-zone`, or this machine's zone).
 *
 * The skill reads the zone from Alexa's Settings API once and keeps it in the listener's history for a week
 * (lambda/time-zone.ts). On a device the setting changes rarely; here it changes whenever `npm start` is run
 * with another `--time-zone`, and the zone saved on an earlier run would win silently. So before the first
 * turn, a returning listener's saved zone is set to this run's, as the skill itself would store it after
 * reading the Settings API (the skill's own change, setTimeZone). A listener with no saved zone is left
 * alone: the skill reads the zone from the local Settings API stand-in, which answers with this run's zone.
 */
import { createDocumentClient } from '../lambda/state/dynamo-client';
import { DynamoHistoryStore } from '../lambda/state/dynamo-history-store';
import { setTimeZone } from '../lambda/state/changes';
import { userKey } from '../lambda/state/history';

/** What happened to the listener's saved zone. */
export type ZoneUpdate = 'none saved' | 'unchanged' | 'updated';

export async function applyDeviceTimeZone(
  table: { readonly endpoint: string; readonly tableName: string },
  userId: string,
  zone: string,
  now: number = Date.now(),
): Promise<ZoneUpdate> {
  const client = createDocumentClient({ endpoint: table.endpoint, timeoutMs: 5000 });
  try {
    const store = new DynamoHistoryStore({ client, tableName: table.tableName });
    const key = userKey(userId);
    const saved = await store.load(key);
    const known = saved.history.timeZone;
    if (!known) return 'none saved';
    if (known.zone === zone) return 'unchanged';
    await store.save(key, setTimeZone(zone, now), saved);
    return 'updated';
  } finally {
    client.destroy();
  }
}
