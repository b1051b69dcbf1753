import { describeKind } from './test-fixtures/describe-kind.js';

describeKind({
  kind: 'openai',
  mockKind: 'openai',
  model: 'gpt-4o-mini',
  taskPath: '/v1/chat/completions',
});
