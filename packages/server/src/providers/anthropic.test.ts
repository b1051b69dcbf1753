import { describeKind } from './test-fixtures/describe-kind.js';

describeKind({
  kind: 'anthropic',
  mockKind: 'anthropic',
  model: 'claude-haiku-4-5-20251001',
  taskPath: '/v1/messages',
});
