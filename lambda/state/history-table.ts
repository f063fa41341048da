/**
 * The history table's shape, defined once: the CDK stack, the DynamoDB store, the local dialog and the
 * tests all create or address the table from these names.
 */
export const HISTORY_TABLE_KEY = {
  partitionKey: { name: 'pk', type: 'S' },
} as const;

/** Epoch seconds after which DynamoDB's TTL may delete an idle user's item. */
export const HISTORY_TTL_ATTRIBUTE = 'expiresAt';

/** An idle user's history expires this long after their last write. */
export const HISTORY_RETENTION_DAYS = 90;

/** The CreateTable input for a local server (dynalite) or a test: on-demand, same key. */
export function historyTableDefinition(tableName: string) {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: HISTORY_TABLE_KEY.partitionKey.name, AttributeType: HISTORY_TABLE_KEY.partitionKey.type },
    ],
    KeySchema: [{ AttributeName: HISTORY_TABLE_KEY.partitionKey.name, KeyType: 'HASH' as const }],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}
