import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { baselinePartitionKey } from './skill';

/**
 * An in-memory PersistenceAdapter (same interface as DynamoDbPersistenceAdapter): the baseline's twin of
 * MemoryHistoryStore for measuring pure skill overhead. Like the real adapter, every get and save copies
 * the attributes (structuredClone, as MemoryHistoryStore does), so neither side shares objects with its "table".
 */
export class MemoryPersistenceAdapter implements PersistenceAdapter {
  readonly table = new Map<string, Record<string, unknown>>();
  readonly ops = { gets: 0, puts: 0, deletes: 0 };

  constructor(private readonly partitionKey: (envelope: RequestEnvelope) => string = baselinePartitionKey) {}

  async getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
    this.ops.gets++;
    const item = this.table.get(this.partitionKey(envelope));
    return item ? structuredClone(item) : {};
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    this.ops.puts++;
    this.table.set(this.partitionKey(envelope), structuredClone(attributes));
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    await this.deleteKey(this.partitionKey(envelope));
  }

  async deleteKey(key: string): Promise<void> {
    this.ops.deletes++;
    this.table.delete(key);
  }
}
