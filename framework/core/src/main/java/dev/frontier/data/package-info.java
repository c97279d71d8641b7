/**
 * Real and synthetic image data: dataset descriptors, the IDX file reader, where files are found or
 * fetched from, and seeded train/validation/test splits. Knows no ML engine.
 */
package dev.frontier.data;
