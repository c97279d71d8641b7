package dev.frontier.exec.store;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Small YAML helpers for the run directory's metadata and result files. */
public final class Yaml {
    private Yaml() {}

    public static String dump(Map<String, ?> data) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                .dumpToString(data);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String text, String where) {
        Object o = new Load(LoadSettings.builder().setLabel(where).build()).loadFromString(text);
        if (!(o instanceof Map)) {
            throw new IllegalStateException(where + ": expected a mapping");
        }
        return (Map<String, Object>) o;
    }
}
