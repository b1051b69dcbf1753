import {
  type ChatCompletionBody,
  type ChatCompletionResponse,
  type ClearPrimaryBody,
  chatCompletionResponseSchema,
  type IrBuildBody,
  type IrBuildResponse,
  irBuildResponseSchema,
  type LimitStatus,
  type LimitsResponse,
  limitStatusSchema,
  limitsResponseSchema,
  type MeResponse,
  type ModelsResponse,
  type ModelsStatusResponse,
  meResponseSchema,
  modelsResponseSchema,
  modelsStatusResponseSchema,
  type PreferenceChoice,
  type PreferencesResponse,
  type PrimaryResponse,
  type ProviderKeysResponse,
  type PutLimitBody,
  type PutPreferencesBody,
  type PutProviderKeyBody,
  preferencesResponseSchema,
  primaryResponseSchema,
  providerKeysResponseSchema,
  type RecentCallsQuery,
  type RecentCallsResponse,
  type ResolutionResponse,
  type ResolveQuery,
  recentCallsResponseSchema,
  resolutionResponseSchema,
  type SetPrimaryBody,
  type SqlBody,
  type SqlResponse,
  sqlResponseSchema,
  type UnpricedModelsResponse,
  type UsageQuery,
  type UsageResponse,
  type UserProviderKeysResponse,
  unpricedModelsResponseSchema,
  usageResponseSchema,
  userProviderKeysResponseSchema,
} from '@switchboard/core';
import { createTransport, type FetchFunction, type TransportResponse } from './create-transport.js';
import { readTaskStream, type TaskStreamEvent } from './read-task-stream.js';

const MODELS_PATH = 'v1/ai/models';
const MODELS_STATUS_PATH = 'v1/ai/models/status';
const PRIMARY_PATH = 'v1/ai/models/primary';
const RESOLVE_PATH = 'v1/ai/resolve';
const ME_PATH = 'v1/me';
const CHAT_COMPLETION_PATH = 'v1/ai/chat/completion';
const IR_BUILD_PATH = 'v1/ir/build';
const SQL_PATH = 'v1/sql';
const USAGE_PATH = 'v1/usage';
const LIMITS_PATH = 'v1/limits';
const PROVIDERS_PATH = 'v1/providers';
const RECENT_CALLS_PATH = 'v1/usage/calls';
const UNPRICED_PATH = 'v1/usage/unpriced';

/** Where the client sends its calls and how it authenticates. */
export interface SwitchboardClientOptions {
  /** The server, e.g. `http://127.0.0.1:8787` (a path prefix is kept). */
  baseURL: string;
  /** A token from `switchboard tokens create`, sent as `Authorization: Bearer`; not needed in `auth.mode: local`. */
  token?: string | undefined;
  /** Default: the global `fetch`. */
  fetch?: FetchFunction | undefined;
}

/** Options every call takes. */
export interface RequestOptions {
  /** Cancels the call (TanStack Query passes one). */
  signal?: AbortSignal | undefined;
}

/** Options of a preference write. */
export interface PreferenceWriteOptions extends RequestOptions {
  /**
   * The `etag` of the preferences this change is based on. The server refuses the write with 412
   * (`version_conflict` or `precondition_failed`) when someone changed them since.
   */
  ifMatch?: string | undefined;
}

/** Options of `getModelsStatus`. */
export interface ModelsStatusOptions extends RequestOptions {
  /** Probe every provider now (`?refresh=true`) instead of answering the last known health. */
  refresh?: boolean | undefined;
}

/** Options of a chat completion. */
export interface ChatCompletionOptions extends RequestOptions {
  /** The task whose model answers (`?task=`); default `chat`. */
  task?: string | undefined;
}

/** A chat completion's body; whether it streams is chosen by the method called. */
export type ChatCompletionInput = Omit<ChatCompletionBody, 'stream'>;

/** A user's preferences with the ETag to send back as `ifMatch`. */
export interface PreferencesResult {
  preferences: PreferencesResponse;
  /** The answer's `ETag` header (`"3"`); null only if a proxy in between removed it. */
  etag: string | null;
}

/** A typed client of the Switchboard HTTP API. Every method throws a `SwitchboardApiError` on failure. */
export interface SwitchboardClient {
  /** `GET /v1/ai/models`: every model, task, provider and the effective defaults. */
  listModels(options?: RequestOptions): Promise<ModelsResponse>;
  /** `GET /v1/ai/models/status`: the listing plus each provider's health (`refresh` probes them first). */
  getModelsStatus(options?: ModelsStatusOptions): Promise<ModelsStatusResponse>;
  /** `POST /v1/ai/models/primary` (admin): the runtime default of a capability or a task. */
  setPrimary(body: SetPrimaryBody, options?: RequestOptions): Promise<PrimaryResponse>;
  /** `DELETE /v1/ai/models/primary` (admin): the config's default applies again. */
  clearPrimary(key: ClearPrimaryBody, options?: RequestOptions): Promise<PrimaryResponse>;
  /** `GET /v1/me`: the caller's user ID, role and the server's auth mode. */
  getMe(options?: RequestOptions): Promise<MeResponse>;
  /** `GET /v1/ai/resolve`: the model a task resolves to, the rule that chose it and what was skipped. */
  resolve(query: ResolveQuery, options?: RequestOptions): Promise<ResolutionResponse>;
  /** `GET /api/users/:user_id/model-preferences`: never writes; defaults fill unset tasks. */
  getPreferences(userId: string, options?: RequestOptions): Promise<PreferencesResult>;
  /** `PUT /api/users/:user_id/model-preferences`: all checked first, then written together (or none). */
  putPreferences(
    userId: string,
    tasks: PutPreferencesBody['tasks'],
    options?: PreferenceWriteOptions,
  ): Promise<PreferencesResult>;
  /** `PUT /api/users/:user_id/model-preferences/:task`: one task; answers every task. */
  putPreference(
    userId: string,
    task: string,
    choice: PreferenceChoice,
    options?: PreferenceWriteOptions,
  ): Promise<PreferencesResult>;
  /** `DELETE /api/users/:user_id/model-preferences/:task`: back to the default; answers every task. */
  resetPreference(userId: string, task: string, options?: PreferenceWriteOptions): Promise<PreferencesResult>;
  /** `POST /v1/ai/chat/completion`: one whole answer from the model the task resolves to (or `body.model`). */
  chatCompletion(body: ChatCompletionInput, options?: ChatCompletionOptions): Promise<ChatCompletionResponse>;
  /**
   * `POST /v1/ai/chat/completion` with `stream: true`: the answer's pieces as they arrive, then a `done` event
   * with the whole text, model, source, usage and cost. Errors before the first piece (no model, every
   * fallback failed) are thrown by the first `next()`; an error in the middle is thrown where it happens.
   * Stop reading (or abort `signal`) to cancel the upstream call.
   */
  streamChatCompletion(
    body: ChatCompletionInput,
    options?: ChatCompletionOptions,
  ): AsyncIterable<TaskStreamEvent>;
  /** `POST /v1/ir/build` (task `ir_build`): a data question as a validated query IR. */
  buildIr(body: IrBuildBody, options?: RequestOptions): Promise<IrBuildResponse>;
  /** `POST /v1/sql` (task `sql`): SQL in a dialect, from a question or an IR. */
  generateSql(body: SqlBody, options?: RequestOptions): Promise<SqlResponse>;
  /** `GET /v1/usage`: tokens, cost and calls, grouped (default by task and model). */
  getUsage(query?: UsageQuery, options?: RequestOptions): Promise<UsageResponse>;
  /** `GET /v1/limits`: the limits that apply to the caller (admins: all) with used and remaining now. */
  getLimits(options?: RequestOptions): Promise<LimitsResponse>;
  /** `PUT /v1/limits/:name` (admin): creates or replaces a runtime limit; answers it with its counters. */
  putLimit(name: string, rule: PutLimitBody, options?: RequestOptions): Promise<LimitStatus>;
  /** `DELETE /v1/limits/:name` (admin): removes a runtime limit (the config's are read-only). */
  deleteLimit(name: string, options?: RequestOptions): Promise<void>;
  /** `GET /v1/providers/:provider/keys` (admin): labels, last four characters and status, never a key. */
  getProviderKeys(provider: string, options?: RequestOptions): Promise<ProviderKeysResponse>;
  /** `PUT /v1/providers/:provider/keys/:label` (admin): adds or replaces a key; it serves the next call. */
  putProviderKey(
    provider: string,
    label: string,
    body: PutProviderKeyBody,
    options?: RequestOptions,
  ): Promise<ProviderKeysResponse>;
  /** `DELETE /v1/providers/:provider/keys/:label` (admin): removes a runtime key. */
  deleteProviderKey(provider: string, label: string, options?: RequestOptions): Promise<ProviderKeysResponse>;
  /** `GET /api/users/:user_id/provider-keys`: the user's own keys (last four only) and the providers that take one. */
  getUserProviderKeys(userId: string, options?: RequestOptions): Promise<UserProviderKeysResponse>;
  /** `PUT /api/users/:user_id/provider-keys/:provider`: stores the caller's own key (themself only). */
  putUserProviderKey(
    userId: string,
    provider: string,
    key: string,
    options?: RequestOptions,
  ): Promise<UserProviderKeysResponse>;
  /** `DELETE /api/users/:user_id/provider-keys/:provider`: removes a user's own key. */
  deleteUserProviderKey(
    userId: string,
    provider: string,
    options?: RequestOptions,
  ): Promise<UserProviderKeysResponse>;
  /** `GET /v1/usage/calls`: the latest calls, newest first, with their trace IDs when tracing was on. */
  getRecentCalls(query?: RecentCallsQuery, options?: RequestOptions): Promise<RecentCallsResponse>;
  /** `GET /v1/usage/unpriced`: models that served calls with no known price and still have none. */
  getUnpricedModels(options?: RequestOptions): Promise<UnpricedModelsResponse>;
}

function preferencesPath(userId: string, task?: string): string {
  const base = `api/users/${encodeURIComponent(userId)}/model-preferences`;
  return task === undefined ? base : `${base}/${encodeURIComponent(task)}`;
}

function toPreferencesResult(response: TransportResponse<PreferencesResponse>): PreferencesResult {
  return { preferences: response.data, etag: response.headers.get('etag') };
}

/**
 * Creates a typed client of the Switchboard HTTP API. Request and response types come from the zod schemas in
 * `@switchboard/core` that the server validates with, and every answer is checked against them.
 *
 * @example
 * const switchboard = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787' });
 * const { preferences, etag } = await switchboard.getPreferences('alice');
 * await switchboard.putPreference('alice', 'chat', { id: 'ollama:llama3:latest' }, { ifMatch: etag ?? undefined });
 */
export function createSwitchboardClient(options: SwitchboardClientOptions): SwitchboardClient {
  const transport = createTransport(options);
  const ifMatchHeader = (write: PreferenceWriteOptions | undefined) => ({ 'if-match': write?.ifMatch });

  return {
    async listModels(request) {
      return (
        await transport.send(
          { method: 'GET', path: MODELS_PATH, signal: request?.signal },
          modelsResponseSchema,
        )
      ).data;
    },
    async getModelsStatus(request) {
      const response = await transport.send(
        {
          method: 'GET',
          path: MODELS_STATUS_PATH,
          query: { refresh: request?.refresh ? 'true' : undefined },
          signal: request?.signal,
        },
        modelsStatusResponseSchema,
      );
      return response.data;
    },
    async setPrimary(body, request) {
      const response = await transport.send(
        { method: 'POST', path: PRIMARY_PATH, body, signal: request?.signal },
        primaryResponseSchema,
      );
      return response.data;
    },
    async clearPrimary(key, request) {
      const response = await transport.send(
        {
          method: 'DELETE',
          path: PRIMARY_PATH,
          query: { capability: key.capability, task: key.task },
          signal: request?.signal,
        },
        primaryResponseSchema,
      );
      return response.data;
    },
    async getMe(request) {
      return (
        await transport.send({ method: 'GET', path: ME_PATH, signal: request?.signal }, meResponseSchema)
      ).data;
    },
    async resolve(query, request) {
      const response = await transport.send(
        {
          method: 'GET',
          path: RESOLVE_PATH,
          query: { task: query.task, model: query.model, user: query.user },
          signal: request?.signal,
        },
        resolutionResponseSchema,
      );
      return response.data;
    },
    async getPreferences(userId, request) {
      const response = await transport.send(
        { method: 'GET', path: preferencesPath(userId), signal: request?.signal },
        preferencesResponseSchema,
      );
      return toPreferencesResult(response);
    },
    async putPreferences(userId, tasks, write) {
      const body: PutPreferencesBody = { tasks };
      const response = await transport.send(
        {
          method: 'PUT',
          path: preferencesPath(userId),
          body,
          headers: ifMatchHeader(write),
          signal: write?.signal,
        },
        preferencesResponseSchema,
      );
      return toPreferencesResult(response);
    },
    async putPreference(userId, task, choice, write) {
      const response = await transport.send(
        {
          method: 'PUT',
          path: preferencesPath(userId, task),
          body: choice,
          headers: ifMatchHeader(write),
          signal: write?.signal,
        },
        preferencesResponseSchema,
      );
      return toPreferencesResult(response);
    },
    async resetPreference(userId, task, write) {
      const response = await transport.send(
        {
          method: 'DELETE',
          path: preferencesPath(userId, task),
          headers: ifMatchHeader(write),
          signal: write?.signal,
        },
        preferencesResponseSchema,
      );
      return toPreferencesResult(response);
    },
    async chatCompletion(body, request) {
      const response = await transport.send(
        {
          method: 'POST',
          path: CHAT_COMPLETION_PATH,
          query: { task: request?.task },
          body: { ...body, stream: false } satisfies ChatCompletionBody,
          signal: request?.signal,
        },
        chatCompletionResponseSchema,
      );
      return response.data;
    },
    async *streamChatCompletion(body, request) {
      const response = await transport.open({
        method: 'POST',
        path: CHAT_COMPLETION_PATH,
        query: { task: request?.task },
        body: { ...body, stream: true } satisfies ChatCompletionBody,
        accept: 'text/event-stream',
        signal: request?.signal,
      });
      yield* readTaskStream(response, `POST /${CHAT_COMPLETION_PATH}`);
    },
    async buildIr(body, request) {
      return (
        await transport.send(
          { method: 'POST', path: IR_BUILD_PATH, body, signal: request?.signal },
          irBuildResponseSchema,
        )
      ).data;
    },
    async generateSql(body, request) {
      return (
        await transport.send(
          { method: 'POST', path: SQL_PATH, body, signal: request?.signal },
          sqlResponseSchema,
        )
      ).data;
    },
    async getUsage(query, request) {
      const response = await transport.send(
        {
          method: 'GET',
          path: USAGE_PATH,
          query: { from: query?.from, to: query?.to, group_by: query?.group_by, user: query?.user },
          signal: request?.signal,
        },
        usageResponseSchema,
      );
      return response.data;
    },
    async getLimits(request) {
      return (
        await transport.send(
          { method: 'GET', path: LIMITS_PATH, signal: request?.signal },
          limitsResponseSchema,
        )
      ).data;
    },
    async putLimit(name, rule, request) {
      const response = await transport.send(
        {
          method: 'PUT',
          path: `${LIMITS_PATH}/${encodeURIComponent(name)}`,
          body: rule,
          signal: request?.signal,
        },
        limitStatusSchema,
      );
      return response.data;
    },
    async getProviderKeys(provider, request) {
      const path = `${PROVIDERS_PATH}/${encodeURIComponent(provider)}/keys`;
      return (
        await transport.send({ method: 'GET', path, signal: request?.signal }, providerKeysResponseSchema)
      ).data;
    },
    async putProviderKey(provider, label, body, request) {
      const path = `${PROVIDERS_PATH}/${encodeURIComponent(provider)}/keys/${encodeURIComponent(label)}`;
      return (
        await transport.send(
          { method: 'PUT', path, body, signal: request?.signal },
          providerKeysResponseSchema,
        )
      ).data;
    },
    async deleteProviderKey(provider, label, request) {
      const path = `${PROVIDERS_PATH}/${encodeURIComponent(provider)}/keys/${encodeURIComponent(label)}`;
      return (
        await transport.send({ method: 'DELETE', path, signal: request?.signal }, providerKeysResponseSchema)
      ).data;
    },
    async getUserProviderKeys(userId, request) {
      const path = `api/users/${encodeURIComponent(userId)}/provider-keys`;
      return (
        await transport.send({ method: 'GET', path, signal: request?.signal }, userProviderKeysResponseSchema)
      ).data;
    },
    async putUserProviderKey(userId, provider, key, request) {
      const path = `api/users/${encodeURIComponent(userId)}/provider-keys/${encodeURIComponent(provider)}`;
      return (
        await transport.send(
          { method: 'PUT', path, body: { key }, signal: request?.signal },
          userProviderKeysResponseSchema,
        )
      ).data;
    },
    async deleteUserProviderKey(userId, provider, request) {
      const path = `api/users/${encodeURIComponent(userId)}/provider-keys/${encodeURIComponent(provider)}`;
      return (
        await transport.send(
          { method: 'DELETE', path, signal: request?.signal },
          userProviderKeysResponseSchema,
        )
      ).data;
    },
    async deleteLimit(name, request) {
      // 204: no body to read or check.
      await transport.open({
        method: 'DELETE',
        path: `${LIMITS_PATH}/${encodeURIComponent(name)}`,
        signal: request?.signal,
      });
    },
    async getRecentCalls(query, request) {
      const response = await transport.send(
        {
          method: 'GET',
          path: RECENT_CALLS_PATH,
          query: { limit: query?.limit === undefined ? undefined : String(query.limit), user: query?.user },
          signal: request?.signal,
        },
        recentCallsResponseSchema,
      );
      return response.data;
    },
    async getUnpricedModels(request) {
      const response = await transport.send(
        { method: 'GET', path: UNPRICED_PATH, signal: request?.signal },
        unpricedModelsResponseSchema,
      );
      return response.data;
    },
  };
}
