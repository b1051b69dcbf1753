// Turns the proxy benchmark's numbers into the Markdown it prints and saves: the comparison table, the raw
// numbers behind it, and each DESIGN.md target with whether this run met it.
import { median, percentile } from './measure.mjs';

const ms = (value, digits = 2) =>
  value === null || Number.isNaN(value) ? '—' : `${value.toFixed(digits)} ms`;
const signedMs = (value) => (value >= 0 ? `+${ms(value)}` : ms(value));
const mb = (value) => `${value.toFixed(1)} MB`;
const int = (value) => Math.round(value).toLocaleString('en-US');

/**
 * A Markdown table with padded columns, as Biome's formatter writes it (so a saved report passes
 * `biome check`, and reads as a table in a terminal too). `align` holds 'l' or 'r' per column.
 */
function markdownTable(header, rows, align) {
  const widths = header.map((cell, c) => Math.max(3, cell.length, ...rows.map((row) => row[c].length)));
  const pad = (cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]));
  const line = (cells) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = widths.map((width, c) => (align[c] === 'r' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** One target's own numbers, read from every phase's results. */
function ownNumbers(results, i) {
  const latency = results.latency[i];
  const stream = results.streaming[i];
  return {
    p50: percentile(latency, 50),
    p99: percentile(latency, 99),
    wrk: results.wrk[i],
    firstChunk: percentile(stream.firstChunkMs, 50),
    chunkLag: percentile(stream.chunkLagMs, 50),
    chunkLagP99: percentile(stream.chunkLagMs, 99),
    frames: stream.frames,
    abort: results.abort[i],
    memory: results.memory[i],
  };
}

/** Per target: its own numbers and what it adds over the direct path (the first target). */
export function summarize(names, results) {
  const direct = ownNumbers(results, 0);
  return names.map((name, i) => {
    const own = ownNumbers(results, i);
    const neverAborted = own.abort.includes(null);
    return {
      name,
      own,
      addedP50: own.p50 - direct.p50,
      addedP99: own.p99 - direct.p99,
      addedFirstChunk: own.firstChunk - direct.firstChunk,
      addedPerChunk: own.chunkLag - direct.chunkLag,
      addedPerChunkP99: own.chunkLagP99 - direct.chunkLagP99,
      neverAborted,
      abortMedian: neverAborted ? null : median(own.abort),
      abortMax: neverAborted ? null : Math.max(...own.abort),
    };
  });
}

function abortCell(row) {
  if (row.neverAborted) return 'never (stream ran to its end)';
  return `${ms(row.abortMedian)} (max ${ms(row.abortMax)})`;
}

function memoryCell(memory) {
  if (!memory) return '—';
  const delta = memory.after - memory.before;
  const failed = memory.failed ? `, ${int(memory.failed)} failed` : '';
  return `${mb(memory.before)} → ${mb(memory.after)} (${delta >= 0 ? '+' : ''}${mb(delta)}${failed})`;
}

function memoryRange(memory) {
  if (!memory?.during) return '—';
  return `${memory.during.min.toFixed(0)}–${memory.during.max.toFixed(0)} MB`;
}

/** The table issue 5 asks for: one row per path; for the direct path, its own totals in parentheses. */
function mainTable(rows, settings) {
  const header = [
    'Path',
    'added p50 @1',
    'added p99 @1',
    'req/s @32',
    'added first chunk',
    'added per chunk (p50 / p99)',
    'upstream abort after hang-up',
    `RSS before → after ${settings.memoryRequests / 1_000}k req`,
  ];
  const cells = rows.map((row, i) => {
    const { own } = row;
    // The direct path adds nothing by definition: show its own totals, which the others' are compared to.
    const total = i === 0 ? (value) => `(${ms(value)} total)` : null;
    return [
      row.name,
      total ? total(own.p50) : signedMs(row.addedP50),
      total ? total(own.p99) : signedMs(row.addedP99),
      int(own.wrk.rps),
      total ? total(own.firstChunk) : signedMs(row.addedFirstChunk),
      i === 0
        ? `(lag ${ms(own.chunkLag)} / ${ms(own.chunkLagP99)})`
        : `${signedMs(row.addedPerChunk)} / ${signedMs(row.addedPerChunkP99)}`,
      abortCell(row),
      memoryCell(own.memory),
    ];
  });
  return markdownTable(header, cells, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']);
}

/** The raw numbers the added ones come from, for anyone who doubts a subtraction. */
function rawTable(rows) {
  const header = [
    'Path',
    'p50 @1',
    'p99 @1',
    'req/s @32 per round',
    'wrk p50 @32',
    'wrk p99 @32',
    'wrk requests',
    'first chunk p50',
    'chunk lag p50 / p99',
    'frames',
    'RSS min–max under load',
  ];
  const cells = rows.map(({ name, own }) => [
    name,
    ms(own.p50, 3),
    ms(own.p99, 3),
    own.wrk.rounds.map(int).join(', '),
    ms(own.wrk.latencyMs.p50),
    ms(own.wrk.latencyMs.p99),
    `${int(own.wrk.requests)}${own.wrk.errors ? ` (${own.wrk.errors})` : ''}`,
    ms(own.firstChunk, 3),
    `${ms(own.chunkLag, 3)} / ${ms(own.chunkLagP99, 3)}`,
    String(own.frames),
    memoryRange(own.memory),
  ]);
  return markdownTable(header, cells, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']);
}

/** The rows the targets are checked on, and the Node floor they are read against. */
const CHECKED = ['Switchboard', 'Switchboard + 2 limits', 'Node floor'];

/** Each DESIGN.md "Performance" target, as `row` meets it: this run's number and a verdict. */
function checksOf(row, nginx, proxy, passthrough) {
  const share = (100 * row.own.wrk.rps) / nginx.own.wrk.rps;
  const memory = row.own.memory;
  return [
    {
      target: 'added median latency @1 ≤ 2× nginx’s',
      value: `${ms(row.addedP50)} vs 2 × ${ms(nginx.addedP50)} = ${ms(2 * nginx.addedP50)}`,
      met: row.addedP50 <= 2 * nginx.addedP50,
    },
    {
      target: 'req/s @32 ≥ ½ nginx’s',
      value: `${int(row.own.wrk.rps)} (${share.toFixed(0)}% of nginx)`,
      met: row.own.wrk.rps >= nginx.own.wrk.rps / 2,
    },
    { target: 'added p99 @1 < 2 ms', value: ms(row.addedP99), met: row.addedP99 < 2 },
    {
      target: 'first chunk added ≤ 1 ms (median)',
      value: ms(row.addedFirstChunk),
      met: row.addedFirstChunk <= 1,
    },
    {
      target: 'each later chunk added ≤ 0.5 ms (median)',
      value: `${ms(row.addedPerChunk)} (p99 ${ms(row.addedPerChunkP99)})`,
      met: row.addedPerChunk <= 0.5,
    },
    {
      // "At once" as opposed to "at the next chunk" (a paced stream's chunks are 100 ms apart) or never; the
      // median, since one run can meet a garbage-collector pause.
      target: 'hang-up aborts upstream at once (median < 5 ms, none ≥ 50 ms)',
      value: abortCell(row),
      met: !row.neverAborted && row.abortMedian < 5 && row.abortMax < 50,
    },
    {
      target: 'RSS < 100 MB',
      value: memory ? `${memory.before.toFixed(0)} → ${memory.after.toFixed(0)} MB` : '—',
      met: Boolean(memory) && memory.before < 100 && memory.after < 100,
    },
    {
      target: 'RSS grows < 10 MB over 100,000 requests',
      value: memory
        ? `${memory.after - memory.before >= 0 ? '+' : ''}${mb(memory.after - memory.before)}`
        : '—',
      met: Boolean(memory) && memory.after - memory.before < 10,
    },
    ...(passthrough && row === proxy
      ? [
          {
            target: 'unified pass-through (`/v1`) added p50 ≤ 1.2× the proxy’s',
            value: `${ms(passthrough.addedP50)} vs 1.2 × ${ms(proxy.addedP50)} = ${ms(1.2 * proxy.addedP50)}`,
            met: passthrough.addedP50 <= 1.2 * proxy.addedP50,
          },
        ]
      : []),
  ];
}

/** Every target for every checked row (`CHECKED`, those present): `{ target, cells: { [row]: check } }`. */
export function checkTargets(rows) {
  const byName = (name) => rows.find((row) => row.name === name);
  const nginx = byName('nginx');
  const proxy = byName('Switchboard');
  const passthrough = byName('Switchboard /v1');
  const checked = CHECKED.map(byName).filter(Boolean);
  const targets = [];
  for (const row of checked) {
    for (const check of checksOf(row, nginx, proxy, passthrough)) {
      let entry = targets.find((target) => target.target === check.target);
      if (!entry) {
        entry = { target: check.target, cells: {} };
        targets.push(entry);
      }
      entry.cells[row.name] = check;
    }
  }
  return { names: checked.map((row) => row.name), targets };
}

function targetsTable(rows) {
  const { names, targets } = checkTargets(rows);
  const cell = (check) => (check ? `${check.value} (${check.met ? 'yes' : '**no**'})` : '—');
  const cells = targets.map(({ target, cells: byRow }) => [
    target,
    ...names.map((name) => cell(byRow[name])),
  ]);
  return markdownTable(
    ['Target', ...names.map((name) => (name === 'Node floor' ? 'Node floor (reference)' : name))],
    cells,
    ['l', ...names.map(() => 'l')],
  );
}

function methodNotes(settings, machine) {
  return `Added = the path minus direct (the same measurement straight to the mock). @1: ${int(settings.requests)} sequential requests per path after ${int(settings.warmup)} warm-up, one keep-alive connection each (undici), in blocks of 250 per path taking turns (the first 10 of each block not recorded). req/s @32: \`wrk -t2 -c32 -d${settings.rpsRoundSeconds}s\`, ${settings.rpsRounds} rounds per path, paths alternating (mean of rounds); on ${machine.cores} cores wrk, the proxy and the mock share the CPUs, so this is the throughput of the whole loop, not of the proxy alone. Streaming: ${settings.streamRuns} runs per path of ${settings.chunks} chunks ${settings.paceMs} ms apart; the first chunk end to end (request sent → first frame read), later chunks as their lag (frame read − the moment the mock wrote it, one monotonic clock), so the mock's timer jitter drops out. Abort: the client hangs up after the first chunk of a stream paced ${settings.abortPaceMs} ms, ${settings.abortRuns} runs; time until the mock sees its response closed. RSS: /proc VmRSS after ${int(settings.memoryWarmup)} warm-up requests and 1 s idle, then 2 s after ${int(settings.memoryRequests)} more, 32 at a time (an undici pool in the bench process); measured first, before the other phases.`;
}

/** The whole report: header, machine, table, method, raw numbers, targets. */
export function renderReport({ rows, machine, settings, command }) {
  return `# Proxy benchmark — ${machine.date}

Command: \`${command}\`

Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.nginx}, ${machine.wrk}, Portkey gateway ${machine.portkey}; Switchboard at ${machine.commit}, LOG_LEVEL=${settings.logLevel}; the servers under test pinned to CPU ${process.env.BENCH_PIN_CPU ?? '0'} (taskset; BENCH_PIN_CPU=none lets them float). Load average (1 / 5 / 15 min) ${machine.loadBefore} before the run (other work competing for the same cores), ${machine.loadAfter} after.

${mainTable(rows, settings)}

${methodNotes(settings, machine)}

## Raw numbers

${rawTable(rows)}

## DESIGN.md targets

The Node floor is a bare pass-through (\`bench/proxy/node-floor.mjs\`: node:http and undici, nothing else): where it misses a target, so does any Node proxy on this machine.

${targetsTable(rows)}
`;
}
