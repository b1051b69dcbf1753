/**
 * The only place that maps a kind to its module. Adding a wire format is a module and a line here.
 */
import { anthropicModule } from './anthropic.js';
import { googleModule } from './google.js';
import type { KindModule } from './kind-module.js';
import type { MockKind } from './kinds.js';
import { ollamaModule } from './ollama.js';
import { createOpenAiModule } from './openai.js';
import { COMPAT_FLAVOR, OPENAI_FLAVOR, XAI_FLAVOR } from './openai-flavors.js';

/** Each kind's module. */
export const KIND_MODULES: Record<MockKind, KindModule> = {
  openai: createOpenAiModule(OPENAI_FLAVOR),
  anthropic: anthropicModule,
  google: googleModule,
  xai: createOpenAiModule(XAI_FLAVOR),
  ollama: ollamaModule,
  compat: createOpenAiModule(COMPAT_FLAVOR),
};
