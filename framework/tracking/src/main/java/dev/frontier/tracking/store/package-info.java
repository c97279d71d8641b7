/** Opening the right {@link dev.frontier.tracking.TrackingStore} for a tracking URI. */
package dev.frontier.tracking.store;
