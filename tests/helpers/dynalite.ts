/** An in-memory dynalite with clients and history tables: the skill host's, shared with the bench. */
export { startDynalite, type LocalDynamo } from '../../skill-host/dynalite';

/**
 * DynamoDB's item size for a plain (unmarshalled) item, per the documented rules: attribute names in
 * UTF-8 bytes; strings in UTF-8 bytes; numbers 1 byte per 2 significant digits + 2 (an upper bound); booleans and null
 * 1; lists and maps 3 bytes + 1 per element (+ the element names for maps).
 */
export function dynamoItemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') {
    const [mantissa = ''] = String(Math.abs(value)).toLowerCase().split('e');
    const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length || 1;
    return Math.ceil(digits / 2) + 2; // the documented "+1", rounded up by one: dynalite charges it for some numbers
  }
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return 3 + entries.reduce((sum, [name, v]) => sum + 1 + Buffer.byteLength(name) + valueSize(v), 0);
  }
  return 0;
}
