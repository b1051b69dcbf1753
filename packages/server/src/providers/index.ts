import type { ProviderKind } from '@switchboard/core';
import { anthropicKind } from './anthropic.js';
import { googleKind } from './google.js';
import { ollamaKind } from './ollama.js';
import { openaiKind } from './openai.js';
import { openaiCompatibleKind } from './openai-compatible.js';
import type { ProviderKindModule } from './provider-kind.js';
import { xaiKind } from './xai.js';

/** The only registry of provider kinds: adding a kind is a module and one line here. */
export const PROVIDER_KIND_MODULES: Readonly<Record<ProviderKind, ProviderKindModule>> = {
  openai: openaiKind,
  anthropic: anthropicKind,
  google: googleKind,
  xai: xaiKind,
  ollama: ollamaKind,
  'openai-compatible': openaiCompatibleKind,
};
