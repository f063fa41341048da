import { DynamoHistoryStore } from '../../lambda/state/dynamo-history-store';
import { setTimeZone } from '../../lambda/state/changes';
import { userKey } from '../../lambda/state/history';
import { applyDeviceTimeZone } from '../../simulation/device-time-zone';
import { startDynalite, type LocalDynamo } from '../helpers/dynalite';

const LISTENER = 'amzn1.ask.account.RETURNINGLISTENER';
const WEEK_AGO = Date.parse('2026-11-19T03:00:00Z');
const NOW = Date.parse('2026-11-26T03:00:00Z');

describe("the simulated device's time zone (npm start --time-zone)", () => {
  let dynamo: LocalDynamo;
  let table: { endpoint: string; tableName: string };
  let store: DynamoHistoryStore;

  beforeAll(async () => {
    dynamo = await startDynalite();
    table = { endpoint: dynamo.endpoint, tableName: await dynamo.createTable() };
    store = new DynamoHistoryStore({ client: dynamo.client, tableName: table.tableName });
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  async function savedZone(userId: string) {
    return (await store.load(userKey(userId))).history.timeZone;
  }

  it("replaces a returning listener's saved zone with this run's: the flag given now wins", async () => {
    await store.save(userKey(LISTENER), setTimeZone('Asia/Kolkata', WEEK_AGO), await store.load(userKey(LISTENER)));
    expect(await applyDeviceTimeZone(table, LISTENER, 'America/Chicago', NOW)).toBe('updated');
    expect(await savedZone(LISTENER)).toEqual({ zone: 'America/Chicago', at: NOW });
  });

  it('leaves a saved zone that is already this run\'s as it is', async () => {
    expect(await applyDeviceTimeZone(table, LISTENER, 'America/Chicago', NOW + 1000)).toBe('unchanged');
    expect(await savedZone(LISTENER)).toEqual({ zone: 'America/Chicago', at: NOW });
  });

  it('stores nothing for a listener with no saved zone (the skill reads it from the Settings API stand-in)', async () => {
    expect(await applyDeviceTimeZone(table, 'amzn1.ask.account.NEWLISTENER', 'Europe/London', NOW)).toBe('none saved');
    expect(await store.load(userKey('amzn1.ask.account.NEWLISTENER'))).toMatchObject({ version: 0 });
  });
});
