import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIXTURES, REPO_ROOT, runCli } from './run-cli.js';

const fixture = (name: string) => join(FIXTURES, 'configs', name);

describe('switchboard config check', () => {
  it('passes the example config, reporting each cloud provider without a key as unconfigured', async () => {
    const result = await runCli(['config', 'check']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok: .*switchboard\.example\.yaml is valid/);
    for (const provider of ['openai', 'anthropic', 'google', 'xai', 'openrouter']) {
      expect(result.stdout).toMatch(new RegExp(`unconfigured: ${provider} \\(.*is not set`));
    }
    expect(result.stdout).not.toMatch(/unconfigured: ollama/);
  });

  it('counts a key from the environment as configured', async () => {
    const result = await runCli(['config', 'check'], { env: { OPENAI_API_KEY: 'sk-from-env' } });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/unconfigured: openai/);
    expect(result.stdout + result.stderr).not.toContain('sk-from-env');
  });

  it.each([
    [
      'wrong-type.yaml',
      'wrong-type.yaml:6:',
      'models.openai.registry.gpt-4o-mini.context_window',
      /expected number/,
    ],
    [
      'unknown-capability.yaml',
      'unknown-capability.yaml:6:',
      'models.openai.registry.gpt-4o-mini.capabilities[0]',
      /unknown capability "chta": expected one of chat, sql, embeddings/,
    ],
    [
      'default-unknown-provider.yaml',
      'default-unknown-provider.yaml:4:',
      'models.defaults.chat',
      /unknown provider "mistral".*expected one of the providers this file declares: openai/,
    ],
    [
      'default-lacks-capability.yaml',
      'default-lacks-capability.yaml:4:',
      'models.defaults.sql',
      /lacks capability "sql".*expected a model with "sql"/,
    ],
    [
      'default-unfit-for-task.yaml',
      'default-unfit-for-task.yaml:9:',
      'tasks.insight_extraction.default',
      /does not fit task "insight_extraction" \(the built-in task's requirements\): it lacks json_schema/,
    ],
    [
      'mixed-v1.yaml',
      'mixed-v1.yaml:3:',
      'models.chat_primary',
      /version 1 key.*expected models\.defaults\.chat/,
    ],
  ])('fails on %s, naming the file, the path and the expectation', async (name, where, path, expectation) => {
    const result = await runCli(['config', 'check', fixture(name)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(where);
    expect(result.stderr).toContain(`${path}: `);
    expect(result.stderr).toMatch(expectation);
  });

  it('reports every problem of a file in one pass, each at file:line:col with the path and "did you mean"', async () => {
    const result = await runCli(['config', 'check', fixture('many-problems.yaml')]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('error: Invalid configuration (7 problems):');
    const expected: Array<[string, RegExp]> = [
      ['4:3: server.hots', /unknown key "hots": did you mean "host"\? expected one of host, port/],
      ['8:3: models.defualt', /unknown key "defualt": did you mean "defaults"\?/],
      [
        '11:5: models.defaults.chat',
        /"openai:gpt-4o-mnii" is not registered\. Did you mean "openai:gpt-4o-mini"\?/,
      ],
      [
        '15:37: models.openai.registry.gpt-4o-mini.capabilities[0]',
        /unknown capability "chta".*Did you mean "chat"\?/,
      ],
      ['17:3: tasks.Bad-Task', /invalid name "Bad-Task": expected a task name like "prd_generation"/],
      ['18:11: tasks.chat.defualt', /did you mean "default"\?/],
      ['19:1: modles', /unknown key "modles": did you mean "models"\?/],
    ];
    for (const [where, message] of expected) {
      const line = lines.find((text) => text.includes(`many-problems.yaml:${where}: `));
      expect(line, where).toMatch(message);
    }
    expect(result.stderr).not.toMatch(/Invalid key in record/);
  });

  it('refuses what serve refuses: a public host in local mode, from the file or from HOST', async () => {
    const fromFile = await runCli(['config', 'check', fixture('public-host-local.yaml')]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toMatch(
      /public-host-local\.yaml:3:3: server\.host: Refusing to listen on 0\.0\.0\.0 with auth\.mode: local.*set auth\.mode: token/,
    );
    const fromEnv = await runCli(['config', 'check', fixture('one-provider.yaml')], {
      env: { HOST: '0.0.0.0' },
    });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toMatch(/HOST=0\.0\.0\.0 in the environment: Refusing to listen/);
    const rescued = await runCli(['config', 'check', fixture('public-host-local.yaml')], {
      env: { HOST: '127.0.0.1' },
    });
    expect(rescued.code).toBe(0);
  });

  it('names only the task default that misses a requirement, not one that meets it', async () => {
    const result = await runCli(['config', 'check', fixture('default-unfit-for-task.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/1 problem/);
    expect(result.stderr).not.toContain('tasks.spec_generation');
  });

  it('counts in good English', async () => {
    const result = await runCli(['config', 'check', fixture('one-provider.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: 1 provider, 1 registered model, 13 tasks\n/);
  });

  it('fails on a YAML syntax error with its line and column', async () => {
    const result = await runCli(['config', 'check', fixture('yaml-syntax.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/yaml-syntax\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('takes --config and SWITCHBOARD_CONFIG', async () => {
    expect((await runCli(['--config', fixture('wrong-type.yaml'), 'config', 'check'])).code).toBe(1);
    expect(
      (await runCli(['config', 'check'], { env: { SWITCHBOARD_CONFIG: fixture('mixed-v1.yaml') } })).code,
    ).toBe(1);
  });

  it('loads a version 1 file and says what it converted', async () => {
    const result = await runCli(['config', 'check', fixture('v1-realistic.yaml')], {
      env: { OPENAI_API_KEY: 'k' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(version 1, converted)');
    expect(result.stdout).toContain(
      'converted: models.chat_primary: openai -> models.defaults.chat: openai:gpt-4o-mini',
    );
    expect(result.stderr).toContain('warning: "control_plane" belongs to the old application');
  });
});

describe('switchboard config migrate', () => {
  it('prints the v2 file of a v1 file, which itself passes config check', async () => {
    const result = await runCli(['config', 'migrate', fixture('v1-realistic.yaml')]);
    expect(result.code).toBe(0);
    const v2 = parse(result.stdout);
    expect(v2.version).toBe(2);
    expect(v2.models.defaults).toEqual({
      chat: 'openai:gpt-4o-mini',
      sql: 'ollama:sqlcoder:7b',
      embeddings: 'openai:text-embedding-3-small',
    });
    expect(v2.models.openai.api_key).toBe('${OPENAI_API_KEY}');
    expect(v2.tasks.chat.fallbacks).toEqual(['ollama:llama3:latest']);
    expect(result.stderr).toContain('warning: "safety" belongs to the old application');
  });

  it("migrates the Go service's real v1 file (server and auth keys, sql_primary: ollama) into one that passes config check", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'switchboard-migrate-'));
    try {
      const result = await runCli(['config', 'migrate', fixture('v1-go-service.yaml')], {
        env: { JWT_SECRET: 'old-jwt-secret-value' },
      });
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).not.toContain('old-jwt-secret-value');
      const v2 = parse(result.stdout);
      expect(v2.server).toEqual({ host: '0.0.0.0', port: 8080 });
      expect(v2.auth).toEqual({ mode: 'token' });
      expect(v2.models.defaults).toEqual({
        chat: 'openai:gpt-4o',
        sql: 'ollama:sqlcoder:15b',
        embeddings: 'ollama:nomic-embed-text:latest',
      });
      expect(v2.models.ollama.registry['sqlcoder:15b']).toEqual({
        id: 'ollama:sqlcoder:15b',
        capabilities: ['sql'],
      });
      expect(v2.tasks.chat.fallbacks).toEqual(['ollama:llama3:8b']);
      expect(result.stderr).toContain('converted: server.auth.enabled: true -> auth.mode: token');
      expect(result.stderr).toMatch(/warning: server\.ws_enabled was dropped/);
      expect(result.stderr).toMatch(/warning: server\.auth\.jwt_secret was dropped/);
      const migrated = join(folder, 'switchboard.yaml');
      await writeFile(migrated, result.stdout);
      const check = await runCli(['config', 'check', migrated]);
      expect(check.stderr).not.toMatch(/^error/m);
      expect(check.code).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('prints nothing and exits 1, saying what, when part of a v1 file cannot be converted', async () => {
    const result = await runCli(['config', 'migrate', fixture('v1-unconvertible.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/v1-unconvertible\.yaml:3:3: models\.chat_primary: cannot convert "gpt4"/);
    expect(result.stderr).toMatch(
      /v1-unconvertible\.yaml:6:5: models\.embeddings\.provider: cannot convert "cohere"/,
    );
  });

  it('prints nothing and exits 1 when the v2 form would fail config check (a public host with auth off)', async () => {
    const result = await runCli(['config', 'migrate', fixture('v1-open-bind.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/server\.host: Refusing to listen on 0\.0\.0\.0 with auth\.mode: local/);
  });

  it('refuses a file that is already version 2', async () => {
    const result = await runCli(['config', 'migrate', join(REPO_ROOT, 'switchboard.example.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/expected a version 1 file/);
  });
});

describe('switchboard config schema', () => {
  it('prints the JSON Schema, identical to the published one', async () => {
    const result = await runCli(['config', 'schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.properties.models).toBeDefined();
    const published = JSON.parse(await readFile(join(REPO_ROOT, 'packages/core/config.schema.json'), 'utf8'));
    expect(published).toEqual(schema);
  });
});

describe('switchboard models and resolve', () => {
  it('lists models with capabilities, context, price, features and whether configured', async () => {
    const result = await runCli(['models']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ID\s+CAPABILITIES\s+CONTEXT\s+PRICE IN\/OUT\s+FEATURES\s+CONFIGURED/);
    expect(result.stdout).toMatch(
      /anthropic:claude-sonnet-4-5-20250929\s+chat\s+200K\s+\$3 \/ \$15 per 1M\s+tools,vision,thinking,json_schema,pdf\s+no: /,
    );
    expect(result.stdout).toMatch(/ollama:sqlcoder:7b\s+sql\s+16K\s+free\s+-\s+yes/);
  });

  it('filters by task and prints JSON', async () => {
    const result = await runCli(['models', '--task', 'sql', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((model: { id: string }) => model.id)).toEqual([
      'ollama:sqlcoder:7b',
    ]);
    const unknown = await runCli(['models', '--task', 'poetry']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown task "poetry". Known tasks: chat/);
  });

  it('resolves a task with its source, and an override', async () => {
    const result = await runCli(['resolve', 'prd_generation']);
    expect(result.stdout).toMatch(/model:\s+openai:gpt-4o-mini/);
    expect(result.stdout).toMatch(/source:\s+config_default \(tasks\.prd_generation\.default\)/);
    expect(result.stdout).toMatch(/fallbacks:\s+anthropic:claude-haiku-4-5-20251001/);
    const override = await runCli(['resolve', 'chat', '--model', 'ollama:mistral:7b', '--json']);
    expect(JSON.parse(override.stdout)).toMatchObject({
      model: 'ollama:mistral:7b',
      source: 'override',
      registered: false,
    });
    const bad = await runCli(['resolve', 'chat', '--model', 'ollama:sqlcoder:7b']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot serve task "chat"/);
  });

  it('warns when the answer cannot be called, and refuses an override to a provider without a key', async () => {
    // The example config's chat default is Anthropic's, whose key is not set here.
    const result = await runCli(['resolve', 'chat']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^warning:\s+a call would fail: provider "anthropic" is not configured: environment variable ANTHROPIC_API_KEY is not set/m,
    );
    const json = await runCli(['resolve', 'chat', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ usable: false });
    const usable = await runCli(['resolve', 'sql']);
    expect(usable.stdout).not.toMatch(/warning/);
    const override = await runCli(['resolve', 'chat', '--model', 'anthropic:claude-haiku-4-5-20251001']);
    expect(override.code).toBe(1);
    expect(override.stderr).toMatch(
      /Provider "anthropic" cannot be chosen: environment variable ANTHROPIC_API_KEY is not set/,
    );
    expect(override.stderr).toMatch(/choose a model of a configured provider \(ollama\)/);
  });

  it('has --help on every command, and exits 2 on a malformed command line', async () => {
    for (const args of [
      ['--help'],
      ['config', '--help'],
      ['config', 'check', '--help'],
      ['models', '--help'],
      ['resolve', '--help'],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/Usage: switchboard/);
    }
    const bad = await runCli(['resolve']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/missing required argument 'task'/);
  });
});

describe('npx switchboard', () => {
  it('runs from the repository root, through the bin that npm install links', async () => {
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'switchboard', '--help'], {
      cwd: REPO_ROOT,
    });
    expect(stdout).toMatch(/Usage: switchboard/);
    expect(stdout).toMatch(/config\s+check, migrate and describe config files/);
  });
});
