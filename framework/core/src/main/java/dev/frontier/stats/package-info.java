/**
 * Statistics for honest measurement: confidence intervals of accuracy and paired significance
 * tests.
 */
package dev.frontier.stats;
