/**
 * Worker processes: the typed line protocol, the pool that feeds them the stage tree, the worker's
 * main, and the rules that they never outlive the sweep nor write after it ended.
 */
package dev.frontier.exec.worker;
