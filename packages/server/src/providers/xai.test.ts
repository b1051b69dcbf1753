import { describeKind } from './test-fixtures/describe-kind.js';

describeKind({
  kind: 'xai',
  mockKind: 'xai',
  model: 'grok-4-fast',
  taskPath: '/v1/chat/completions',
});
