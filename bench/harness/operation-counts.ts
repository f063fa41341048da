/** What the counting proxy tallies of the DynamoDB calls, and DynamoDB's capacity-unit rules it applies. */

export interface OperationCounts {
  /** Requests by operation name (GetItem, PutItem, ...). */
  readonly byOperation: Record<string, number>;
  requests: number;
  reads: number;
  writes: number;
  /** Reads sent with ConsistentRead: true. */
  consistentReads: number;
  readUnits: number;
  writeUnits: number;
  /** DynamoDB item size (dynalite's itemSize) of every item written, summed. */
  itemBytesWritten: number;
  /** The largest item written. */
  maxItemBytes: number;
  /** HTTP request bodies, summed (what went over the wire to DynamoDB). */
  requestBodyBytes: number;
}

export function emptyCounts(): OperationCounts {
  return { byOperation: {}, requests: 0, reads: 0, writes: 0, consistentReads: 0, readUnits: 0, writeUnits: 0, itemBytesWritten: 0, maxItemBytes: 0, requestBodyBytes: 0 };
}

/** The counts of several runs together: sums, except the largest item, which is the largest of all. */
export function addCounts(all: readonly OperationCounts[]): OperationCounts {
  const total = emptyCounts();
  for (const c of all) {
    for (const [op, n] of Object.entries(c.byOperation)) total.byOperation[op] = (total.byOperation[op] ?? 0) + n;
    total.requests += c.requests;
    total.reads += c.reads;
    total.writes += c.writes;
    total.consistentReads += c.consistentReads;
    total.readUnits += c.readUnits;
    total.writeUnits += c.writeUnits;
    total.itemBytesWritten += c.itemBytesWritten;
    total.maxItemBytes = Math.max(total.maxItemBytes, c.maxItemBytes);
    total.requestBodyBytes += c.requestBodyBytes;
  }
  return total;
}

/** 1 RRU per strongly consistent read of up to 4 KB, half for eventually consistent; a miss (0 bytes) costs the minimum. */
export function readRequestUnits(itemBytes: number, consistent: boolean): number {
  return Math.max(1, Math.ceil(itemBytes / 4096)) * (consistent ? 1 : 0.5);
}

/** 1 WRU per started KB written; a delete of a small item (0 bytes counted): 1. */
export function writeRequestUnits(itemBytes: number): number {
  return Math.max(1, Math.ceil(itemBytes / 1024));
}
