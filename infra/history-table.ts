import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { HISTORY_TABLE_KEY, HISTORY_TTL_ATTRIBUTE } from '../lambda/state/history-table';

/**
 * The per-user history table. Its key schema comes from lambda/state/history-table.ts, the same
 * definition the store and the skill-host/dynalite setup use.
 */
export class HistoryTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { name, type } = HISTORY_TABLE_KEY.partitionKey;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name, type: type as AttributeType },
      billing: Billing.onDemand(),
      timeToLiveAttribute: HISTORY_TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
    });
  }
}
