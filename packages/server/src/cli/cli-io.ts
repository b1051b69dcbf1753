/** Where a command writes; the entry point passes the process's streams, tests may pass buffers. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The options every command takes. */
export interface GlobalOptions {
  /** `--config FILE`; else `SWITCHBOARD_CONFIG`, then `./switchboard.yaml`, then the example. */
  config?: string | undefined;
}
