/**
 * Planning: expands a {@link dev.frontier.spec.Sweep} into {@link dev.frontier.plan.Trial}s with
 * stable ids and derived seeds, and into a tree of {@link dev.frontier.plan.Stage}s in which work
 * shared by several trials (baseline, teacher, each distilled student, each pruned model) appears
 * once. Entry point: {@link dev.frontier.plan.Planner}.
 */
package dev.frontier.plan;
