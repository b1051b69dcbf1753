import type { StoreChange } from '../store/change-feed.js';
import type { ChangeRelay } from '../store/change-relay.js';

/** The IPC message a worker sends the primary, and the primary passes to every other worker. */
export const STORE_CHANGE_MESSAGE = 'switchboard:store-change';

/** A relayed change as it travels over the cluster's IPC channel. */
export interface StoreChangeMessage {
  type: typeof STORE_CHANGE_MESSAGE;
  change: StoreChange;
}

/** Whether an IPC message is a relayed store change. */
export function isStoreChangeMessage(message: unknown): message is StoreChangeMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === STORE_CHANGE_MESSAGE &&
    typeof (message as { change?: unknown }).change === 'object'
  );
}

/**
 * A worker's side of the change relay: its committed changes go to the primary over the IPC channel, and
 * the other workers' come back from it. Once the channel is gone (the primary is stopping) nothing is sent.
 */
export function createIpcChangeRelay(): ChangeRelay {
  return {
    publish(change) {
      if (!process.connected || !process.send) return;
      const message: StoreChangeMessage = { type: STORE_CHANGE_MESSAGE, change };
      process.send(message);
    },
    subscribe(listener) {
      const onMessage = (message: unknown) => {
        if (isStoreChangeMessage(message)) listener(message.change);
      };
      process.on('message', onMessage);
      return () => process.off('message', onMessage);
    },
  };
}
