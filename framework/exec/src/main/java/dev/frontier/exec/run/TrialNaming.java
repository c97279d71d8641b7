package dev.frontier.exec.run;

import dev.frontier.plan.Trial;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Finetune;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Quantize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Readable names ({@code T4-r0.9-b4}), technique labels ({@code distill+prune+quantize}) and flat
 * parameters of trials.
 */
public final class TrialNaming {
    private TrialNaming() {}

    static String name(Trial t) {
        StringBuilder sb = new StringBuilder("T" + (t.index() + 1));
        for (Map.Entry<String, Object> e : t.axisValues().entrySet()) {
            String value = format(e.getValue());
            if (e.getKey().endsWith("granularity")) {
                value =
                        value.equals("per-channel")
                                ? "pc"
                                : value.equals("per-tensor") ? "pt" : value;
            }
            sb.append('-').append(abbreviation(e.getKey())).append(value);
        }
        return sb.toString();
    }

    static String technique(Trial t) {
        List<String> parts = new ArrayList<>();
        for (Pass p : t.pipeline()) {
            if (p instanceof Distill) {
                parts.add("distill");
            } else if (p instanceof Prune pr && pr.ratio().value() > 0) {
                parts.add(pr.method().value() == Prune.Method.STRUCTURED ? "structured" : "prune");
            } else if (p instanceof Quantize q
                    && (q.bits().value() != Quantize.REFERENCE_BITS || !q.overrides().isEmpty())) {
                parts.add("quantize");
            } else if (!(p instanceof Prune || p instanceof Quantize || p instanceof Finetune)) {
                parts.add(p.name()); // a pass from a provider names itself
            }
        }
        return parts.isEmpty() ? "baseline" : String.join("+", parts);
    }

    /** Every effective parameter, flattened as {@code pass.key}, plus the runtime. */
    static Map<String, String> params(Trial t) {
        Map<String, String> m = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Pass p : t.pipeline()) {
            String kind = p.name();
            int n = seen.merge(kind, 1, Integer::sum);
            String prefix = n == 1 ? kind : kind + n;
            p.effectiveParams().forEach((k, v) -> m.put(prefix + "." + k, format(v)));
        }
        m.put("runtime", t.runtime().yamlName());
        return m;
    }

    private static String abbreviation(String axis) {
        String leaf = axis.substring(axis.lastIndexOf('.') + 1);
        return switch (leaf) {
            case "ratio" -> "r";
            case "bits" -> "b";
            case "temperature" -> "t";
            case "alpha" -> "a";
            case "weightRange" -> "wr";
            case "finetuneLr" -> "flr";
            case "qatLr" -> "qlr";
            case "rampEnd" -> "ramp";
            case "runtime", "granularity" -> "";
            default -> leaf.substring(0, Math.min(3, leaf.length()));
        };
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof dev.frontier.spec.Named n) {
            return n.yamlName();
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return String.valueOf(v);
    }
}
