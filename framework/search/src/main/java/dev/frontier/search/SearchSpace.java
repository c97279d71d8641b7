package dev.frontier.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The discrete space a search proposes from: the product of its axes, optionally restricted to an
 * allowed set of points (a sweep's exclusions, or the trials a replay table measured).
 */
public final class SearchSpace {

    /** Largest product of axis sizes whose points are listed in memory (grid order, sampling). */
    public static final long MAX_LISTED = 2_000_000;

    private final List<Axis> axes;
    private final Set<Point> allowed;
    private List<Point> points;

    private SearchSpace(List<Axis> axes, Set<Point> allowed) {
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one axis");
        }
        Set<String> names = new HashSet<>();
        for (Axis a : axes) {
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("axis " + a.name() + " is given twice");
            }
        }
        this.axes = List.copyOf(axes);
        this.allowed = allowed;
        if (allowed != null) {
            for (Point p : allowed) {
                if (!inBounds(p)) {
                    throw new IllegalArgumentException(
                            "allowed point " + p + " is outside the axes " + names());
                }
            }
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("a search space needs at least one point");
            }
        }
    }

    /** Every combination of the axes' values. */
    public static SearchSpace of(List<Axis> axes) {
        return new SearchSpace(axes, null);
    }

    /** Every combination of the axes' values. */
    public static SearchSpace of(Axis... axes) {
        return of(List.of(axes));
    }

    /** The same axes, restricted to {@code points} (each must lie on the axes). */
    public SearchSpace restrictedTo(Collection<Point> points) {
        return new SearchSpace(axes, Set.copyOf(points));
    }

    /** The axes, in order. */
    public List<Axis> axes() {
        return axes;
    }

    /** Number of axes. */
    public int dimensions() {
        return axes.size();
    }

    /** Number of points a search may propose. */
    public long size() {
        if (allowed != null) {
            return allowed.size();
        }
        long n = 1;
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.size());
        }
        return n;
    }

    /** Whether {@code p} lies on the axes and is allowed. */
    public boolean contains(Point p) {
        return inBounds(p) && (allowed == null || allowed.contains(p));
    }

    /**
     * The points in grid order: the first axis varies slowest, the last fastest, as a sweep's grid
     * enumerates them.
     *
     * @throws IllegalStateException when the axes' product exceeds {@link #MAX_LISTED}
     */
    public List<Point> points() {
        if (points == null) {
            long product = 1;
            for (Axis a : axes) {
                product = Math.multiplyExact(product, a.size());
            }
            if (product > MAX_LISTED) {
                throw new IllegalStateException(
                        "the space has " + product + " combinations, more than can be listed");
            }
            List<Point> list = new ArrayList<>();
            int[] idx = new int[axes.size()];
            for (long k = 0; k < product; k++) {
                Point p = Point.of(idx.clone());
                if (allowed == null || allowed.contains(p)) {
                    list.add(p);
                }
                for (int d = axes.size() - 1; d >= 0; d--) {
                    if (++idx[d] < axes.get(d).size()) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
            points = List.copyOf(list);
        }
        return points;
    }

    /** The point's values by axis name, in axis order. */
    public Map<String, String> values(Point p) {
        if (!inBounds(p)) {
            throw new IllegalArgumentException("point " + p + " is outside the axes " + names());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int d = 0; d < axes.size(); d++) {
            m.put(axes.get(d).name(), axes.get(d).values().get(p.get(d)));
        }
        return m;
    }

    private boolean inBounds(Point p) {
        if (p.indices().size() != axes.size()) {
            return false;
        }
        for (int d = 0; d < axes.size(); d++) {
            int i = p.get(d);
            if (i < 0 || i >= axes.get(d).size()) {
                return false;
            }
        }
        return true;
    }

    private List<String> names() {
        return axes.stream().map(Axis::name).toList();
    }

    @Override
    public String toString() {
        return names() + " (" + size() + " points)";
    }
}
