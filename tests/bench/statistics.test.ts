import { percentile, ratio, spread } from '../../bench/statistics';

describe('percentile', () => {
  it('interpolates linearly between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([0, 100], 99)).toBe(99);
  });

  it('gives the smallest and largest sample at 0 and 100', () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
    expect(percentile([7, 3, 9], 100)).toBe(9);
  });

  it('sorts a copy: the samples keep their order', () => {
    const samples = [3, 1, 2];
    expect(percentile(samples, 50)).toBe(2);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('is the sample itself when there is only one', () => {
    expect(percentile([5], 99)).toBe(5);
  });

  it('refuses no samples rather than answering NaN', () => {
    expect(() => percentile([], 50)).toThrow('no samples');
  });
});

describe('spread', () => {
  it('is the median, smallest and largest sample', () => {
    expect(spread([5, 1, 4, 2])).toEqual({ median: 3, min: 1, max: 5 });
    expect(spread([8])).toEqual({ median: 8, min: 8, max: 8 });
  });

  it('refuses no samples', () => {
    expect(() => spread([])).toThrow('no samples');
  });
});

describe('ratio', () => {
  it('divides ours by the baseline', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 4)).toBe(0);
  });

  it('is NaN, not Infinity, when the baseline is 0', () => {
    expect(ratio(3, 0)).toBeNaN();
  });
});
