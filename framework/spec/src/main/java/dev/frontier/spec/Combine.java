package dev.frontier.spec;

/** How sweep axes combine into trials. */
public enum Combine implements Named {
    /** Every combination (cartesian product), first axis outermost. */
    GRID,
    /** The i-th value of every axis together; all axes must have the same length. */
    ZIP;

    @Override
    public String yamlName() {
        return name().toLowerCase();
    }
}
