/**
 * DJL engine set-up at the edge of the framework: offline mode, thread counts and device choice.
 */
package dev.frontier.engine;
