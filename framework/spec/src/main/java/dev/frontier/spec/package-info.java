/**
 * The experiment DSL: one immutable {@link dev.frontier.spec.Sweep} model built either from YAML
 * ({@link dev.frontier.spec.SpecReader}) or from the fluent Java builder ({@link
 * dev.frontier.spec.Sweep#builder()}), validated completely before anything runs, and written back
 * as canonical YAML ({@link dev.frontier.spec.SpecWriter}).
 *
 * <p>Every record checks its own values in its constructor and throws one {@link
 * dev.frontier.spec.SpecException} listing all of its {@link dev.frontier.spec.Problem}s; the
 * reader and the builder gather those into a single exception, the reader adding {@code
 * file:line:column} to each.
 */
package dev.frontier.spec;
