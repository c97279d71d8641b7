package dev.frontier.plan;

import java.util.List;
import java.util.Locale;

/** Renders a plan as a summary and an indented tree with box-drawing branches. */
final class PlanRenderer {

    private PlanRenderer() {}

    static String render(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("sweep ")
                .append(plan.sweep().name())
                .append(": ")
                .append(plan.trialCount())
                .append(" trials");
        if (plan.sweep().repeats() > 1) {
            b.append(" x ").append(plan.sweep().repeats()).append(" repeats");
        }
        if (plan.excludedCount() > 0) {
            b.append(", ").append(plan.excludedCount()).append(" excluded");
        }
        if (plan.mergedCount() > 0) {
            b.append(", ").append(plan.mergedCount()).append(" merged as duplicates");
        }
        b.append('\n');
        b.append("stages: ")
                .append(plan.uniqueStageCount())
                .append(" unique vs ")
                .append(plan.naiveStageCount())
                .append(" naive\n");
        b.append("estimate: ")
                .append(duration(plan.estimatedSeconds()))
                .append(" (naive ")
                .append(duration(plan.naiveEstimatedSeconds()))
                .append("), at ")
                .append(format(CostModel.DEFAULT.epochSeconds()))
                .append(" s per full lenet5 epoch, one stage at a time\n");
        for (Stage root : plan.roots()) {
            b.append(line(root)).append('\n');
            children(plan, root, "", b);
        }
        return b.toString();
    }

    private static void children(Plan plan, Stage parent, String indent, StringBuilder b) {
        List<Stage> kids = plan.children(parent.key());
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            b.append(indent).append(last ? "└─ " : "├─ ").append(line(kids.get(i))).append('\n');
            children(plan, kids.get(i), indent + (last ? "   " : "│  "), b);
        }
    }

    private static String line(Stage s) {
        return s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + " "
                + s.label()
                + "  ["
                + s.key()
                + "]"
                + (s.estimatedSeconds() >= 0.5 ? "  ~" + duration(s.estimatedSeconds()) : "");
    }

    /** {@code 45s}, {@code 3m 05s}, {@code 1h 02m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
