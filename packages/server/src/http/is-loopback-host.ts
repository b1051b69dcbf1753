// One definition, in core, shared with config validation (which checks the bind address against auth.mode).
export { isLoopbackHost } from '@switchboard/core';
