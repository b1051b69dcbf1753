import { describeKind } from './test-fixtures/describe-kind.js';

describeKind({
  kind: 'google',
  mockKind: 'google',
  model: 'gemini-2.5-flash',
  taskPath: '/v1beta/models/gemini-2.5-flash:generateContent',
});
