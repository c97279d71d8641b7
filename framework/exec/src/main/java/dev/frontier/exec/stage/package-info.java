/**
 * One stage of the tree: trains the baseline or teacher, distills, prunes, fine-tunes or quantizes,
 * in a native scope of its own; the conversions from the sweep spec and the sweep's models (zoo,
 * jar, in-process).
 */
package dev.frontier.exec.stage;
