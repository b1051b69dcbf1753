import { describeKind } from './test-fixtures/describe-kind.js';

describeKind({
  kind: 'openai-compatible',
  mockKind: 'compat',
  model: 'mock/chat-small',
  taskPath: '/v1/chat/completions',
});
