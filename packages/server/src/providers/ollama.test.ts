import { describeKind } from './test-fixtures/describe-kind.js';

describeKind({
  kind: 'ollama',
  mockKind: 'ollama',
  model: 'llama3:latest',
  taskPath: '/v1/chat/completions',
  requiresKey: false,
});
