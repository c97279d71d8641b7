package dev.frontier.exec.store;

import dev.frontier.codec.quant.QuantParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calibrated activation quantization of a quantize stage ({@code activations.yaml}): per layer,
 * the input's scale and zero point.
 */
public final class ActivationFile {
    public static final String NAME = "activations.yaml";

    private ActivationFile() {}

    public static void write(Path file, Map<String, QuantParams> params) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        params.forEach(
                (layer, q) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("scale", (double) q.scale());
                    e.put("zero_point", q.zeroPoint());
                    e.put("bits", q.bits());
                    e.put("symmetric", q.symmetric());
                    m.put(layer, e);
                });
        dev.frontier.analysis.AtomicFiles.writeString(file, Yaml.dump(m));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, QuantParams> read(Path file) throws IOException {
        Map<String, QuantParams> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text = Files.readString(file).strip();
        if (text.isEmpty() || text.equals("{}")) {
            return out;
        }
        Yaml.load(text, file.toString())
                .forEach(
                        (layer, v) -> {
                            Map<String, Object> e = (Map<String, Object>) v;
                            out.put(
                                    layer,
                                    new QuantParams(
                                            ((Number) e.get("scale")).floatValue(),
                                            ((Number) e.get("zero_point")).intValue(),
                                            ((Number) e.get("bits")).intValue(),
                                            (Boolean) e.get("symmetric")));
                        });
        return out;
    }
}
