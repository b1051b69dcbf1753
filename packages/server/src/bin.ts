#!/usr/bin/env node
import { SwitchboardError } from '@switchboard/core';
import { CommanderError } from 'commander';
import type { CliIo } from './cli/cli-io.js';
import { createProgram } from './cli/create-program.js';

/** Exit statuses: 1 for something the user can fix, 2 for a malformed command line, 70 for our own bug. */
const EXIT_USER_ERROR = 1;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

async function main(): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(process.argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (SwitchboardError.isInstance(error)) {
      io.err(`error: ${error.message}\n`);
      return EXIT_USER_ERROR;
    }
    io.err(
      `switchboard failed unexpectedly. This is a bug; please report it with the output below.\n${
        (error as Error)?.stack ?? String(error)
      }\n`,
    );
    return EXIT_INTERNAL;
  }
}

// `serve` resolves only once the server has closed, so exiting here never cuts a running server short.
main().then((code) => process.exit(code));
