/** The tuning commands' flags (node:util parseArgs): `--x y` and `--x=y` alike, unknown flags refused with the usage line. */
import { calibrationOptions } from '../../../nlu/tuning/calibrate-nlu';
import { ratesOptions } from '../../../nlu/tuning/fresh-phrasing-rates';
import { UsageError } from '../../../command-line/flags';

describe('calibrate-nlu', () => {
  it('defaults to en-US, five folds, no misses', () => {
    expect(calibrationOptions([])).toEqual({ locale: 'en-US', folds: 5, misses: false });
  });

  it('reads --x y and --x=y the same', () => {
    expect(calibrationOptions(['--locale', 'en-GB', '--folds', '3', '--misses'])).toEqual(calibrationOptions(['--locale=en-GB', '--folds=3', '--misses']));
    expect(calibrationOptions(['--folds=3']).folds).toBe(3);
  });

  it('refuses an unknown flag, a locale it does not know and a bad fold count, with the usage line', () => {
    for (const argv of [['--fold', '3'], ['--locale', 'fr-FR'], ['--folds', 'x'], ['extra']]) {
      expect(() => calibrationOptions(argv)).toThrow(UsageError);
      expect(() => calibrationOptions(argv)).toThrow(/Usage: npx tsx nlu\/tuning\/calibrate-nlu\.ts/);
    }
  });
});

describe('fresh-phrasing-rates', () => {
  it('reads --locale and --quiet', () => {
    expect(ratesOptions([])).toEqual({ locale: 'en-US', quiet: false });
    expect(ratesOptions(['--locale=en-IN', '--quiet'])).toEqual({ locale: 'en-IN', quiet: true });
  });

  it('refuses an unknown flag with the usage line', () => {
    expect(() => ratesOptions(['--loud'])).toThrow(/Usage: npx tsx nlu\/tuning\/fresh-phrasing-rates\.ts/);
  });
});
