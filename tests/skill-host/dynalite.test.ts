import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataDirInUseError, startDynaliteServer } from '../../skill-host/dynalite';

describe('the embedded DynamoDB on a data directory', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leg-cramp-dynalite-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a directory another server holds with one sentence naming --data (not dynalite\'s "Database is closed")', async () => {
    const first = await startDynaliteServer({ path: dataDir });
    try {
      const second = startDynaliteServer({ path: dataDir });
      await expect(second).rejects.toThrow(DataDirInUseError);
      await expect(second).rejects.toThrow(/^The history in .+ is in use by another `npm start` or `npm run serve`: .*pass --data <dir>/);
    } finally {
      await first.close();
    }
  });

  it('opens the directory again once the first server has closed', async () => {
    const first = await startDynaliteServer({ path: dataDir });
    await first.close();
    const again = await startDynaliteServer({ path: dataDir });
    await again.close();
  });
});
