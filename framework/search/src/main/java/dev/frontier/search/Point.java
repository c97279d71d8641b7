package dev.frontier.search;

import java.util.ArrayList;
import java.util.List;

/**
 * One combination of axis values, as the index of the value on each axis of a {@link SearchSpace}.
 *
 * @param indices one value index per axis, in the space's axis order
 */
public record Point(List<Integer> indices) {

    /** Copies the indices. */
    public Point {
        indices = List.copyOf(indices);
    }

    /** A point of the given value indices. */
    public static Point of(int... indices) {
        List<Integer> list = new ArrayList<>(indices.length);
        for (int i : indices) {
            list.add(i);
        }
        return new Point(list);
    }

    /** The value index on axis {@code axis}. */
    public int get(int axis) {
        return indices.get(axis);
    }

    @Override
    public String toString() {
        return indices.toString();
    }
}
