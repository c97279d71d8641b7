/**
 * Pushing a file store to another tracking store (usually a server) without duplicates: {@link
 * dev.frontier.tracking.sync.StoreSync} tags each copy with the source run's id, finds it again on
 * the next sync, and re-sends a run only when its content digest changed.
 */
package dev.frontier.tracking.sync;
