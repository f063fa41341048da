/** interaction-models/generate.ts's one flag (node:util parseArgs): --check, anything else refused with the usage line. */
import { UsageError } from '../../command-line/flags';
import { generateOptions } from '../../interaction-models/generate';

it('writes by default and checks with --check', () => {
  expect(generateOptions([])).toEqual({ check: false });
  expect(generateOptions(['--check'])).toEqual({ check: true });
});

it('refuses unknown flags and stray words with the usage line', () => {
  for (const argv of [['--chek'], ['check'], ['--check=yes']]) {
    expect(() => generateOptions(argv)).toThrow(UsageError);
    expect(() => generateOptions(argv)).toThrow(/Usage: npx tsx interaction-models\/generate\.ts \[--check\]/);
  }
});
