/**
 * Sweep execution, in the order of the flow: {@code run} (a sweep from spec to frontier) uses
 * {@code cluster} (stages on a cluster engine such as frontier-spark), {@code worker} (stages on
 * worker processes), {@code stage} (one stage), {@code measure} (one trial's figures) and {@code
 * store} (the run folder); each depends only on those after it in that list.
 */
package dev.frontier.exec;
