import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SCRIPT } from '../../bench/conversation';
import { PRICES } from '../../bench/results';

/** bench/README.md states the method in prose; these are the figures in it that the code could change under it. */
describe('bench/README.md', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'bench', 'README.md'), 'utf8').replace(/\s+/g, ' ');

  it('prices the units as the cost is computed', () => {
    expect(readme).toContain(`(RRU/turn × $${PRICES.readRequestUnitPerMillion}) + (WRU/turn × $${PRICES.writeRequestUnitPerMillion})`);
    expect(readme).toContain(`on-demand prices in ${PRICES.region}`);
  });

  it('lists the scripted conversation the sides answer', () => {
    expect(readme).toContain(`the scripted ${SCRIPT.length}-turn session (${SCRIPT.join(', ')})`);
  });
});
