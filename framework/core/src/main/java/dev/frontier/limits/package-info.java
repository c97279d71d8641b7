/**
 * The limits and names every layer checks against: the sweep validator (framework/spec) and its
 * JSON Schema, and the engine (framework/codec, framework/model, framework/compress). One
 * definition, so a value that validates also runs.
 */
package dev.frontier.limits;
