import { addCounts, emptyCounts, readRequestUnits, writeRequestUnits } from '../../../bench/harness/operation-counts';

describe('DynamoDB capacity units', () => {
  it('charges a strongly consistent read 1 RRU per started 4 KB, an eventually consistent one half', () => {
    expect(readRequestUnits(100, true)).toBe(1);
    expect(readRequestUnits(4096, true)).toBe(1);
    expect(readRequestUnits(4097, true)).toBe(2);
    expect(readRequestUnits(4097, false)).toBe(1);
    expect(readRequestUnits(100, false)).toBe(0.5);
  });

  it('charges a read that finds nothing the minimum', () => {
    expect(readRequestUnits(0, true)).toBe(1);
  });

  it('charges a write 1 WRU per started KB, and at least 1', () => {
    expect(writeRequestUnits(0)).toBe(1);
    expect(writeRequestUnits(1024)).toBe(1);
    expect(writeRequestUnits(1025)).toBe(2);
  });
});

describe('addCounts', () => {
  it('sums the runs, operation by operation, and keeps the largest item of all', () => {
    const a = { ...emptyCounts(), byOperation: { GetItem: 1, PutItem: 2 }, requests: 3, reads: 1, writes: 2, consistentReads: 1, readUnits: 1, writeUnits: 2, itemBytesWritten: 300, maxItemBytes: 200, requestBodyBytes: 900 };
    const b = { ...emptyCounts(), byOperation: { PutItem: 1, DeleteItem: 1 }, requests: 2, writes: 2, writeUnits: 2, itemBytesWritten: 100, maxItemBytes: 100, requestBodyBytes: 400 };
    expect(addCounts([a, b])).toEqual({
      byOperation: { GetItem: 1, PutItem: 3, DeleteItem: 1 },
      requests: 5,
      reads: 1,
      writes: 4,
      consistentReads: 1,
      readUnits: 1,
      writeUnits: 4,
      itemBytesWritten: 400,
      maxItemBytes: 200,
      requestBodyBytes: 1300,
    });
  });

  it('is empty for no runs, and leaves the runs it adds unchanged', () => {
    expect(addCounts([])).toEqual(emptyCounts());
    const run = { ...emptyCounts(), byOperation: { GetItem: 1 }, requests: 1 };
    addCounts([run, run]);
    expect(run.byOperation).toEqual({ GetItem: 1 });
  });
});
