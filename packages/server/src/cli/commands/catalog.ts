import { importCatalog } from '../../catalog/import-catalog.js';
import { buildRegistryWithCatalog } from '../../gateway/catalog-sync.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';
import { formatTable } from '../format-table.js';
import { withConfiguredStore } from '../open-configured-store.js';

const plural = (count: number, word: string) =>
  `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/**
 * `switchboard catalog import FILE|URL [--json]`: validates a models.dev `api.json` and stores it in one
 * transaction; running gateways pick it up within seconds. A bad file changes nothing.
 */
export async function catalogImport(
  source: string,
  options: GlobalOptions & { json?: boolean | undefined },
  io: CliIo,
): Promise<number> {
  io.err(`Reading ${source} ...\n`);
  const summary = await withConfiguredStore(options, (store) => importCatalog(store, source));
  if (options.json) {
    io.out(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  io.out(
    `Imported ${plural(summary.providers, 'provider')} and ${plural(summary.models, 'model')} from ${source} (catalogue version ${summary.version}).\n` +
      `${plural(summary.added, 'model')} added, ${plural(summary.removed, 'model')} removed, ${plural(summary.pricesChanged, 'price')} changed.\n`,
  );
  return 0;
}

/**
 * `switchboard catalog unpriced [--json]`: models that served calls with no known price and still have
 * none under the config and the stored catalogue. Exit code 0 either way: it is a report, not a check.
 */
export async function catalogUnpriced(
  options: GlobalOptions & { json?: boolean | undefined },
  io: CliIo,
): Promise<number> {
  const { rows, latest } = await withConfiguredStore(options, async (store, config) => {
    const registry = buildRegistryWithCatalog(config, await store.catalog.listModels());
    const unpriced = (await store.usage.unpricedModels()).filter(
      (row) => !registry.models.get(row.modelId)?.cost,
    );
    return { rows: unpriced, latest: await store.catalog.latestImport() };
  });
  if (options.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (!rows.length) {
    io.out('Every model that served a call has a price.\n');
    return 0;
  }
  io.out(
    `${formatTable(
      ['MODEL', 'UNPRICED CALLS', 'LAST CALL'],
      rows.map((row) => [row.modelId, String(row.calls), row.lastCallAt]),
    )}\n`,
  );
  io.err(
    `Give them a price with models.<provider>.registry.<name>.cost in the config, or import a catalogue that lists them (switchboard catalog import FILE|URL${latest ? `; last import ${latest.importedAt} from ${latest.source}` : ''}).\n`,
  );
  return 0;
}
