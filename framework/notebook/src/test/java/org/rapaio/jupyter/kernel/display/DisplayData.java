package org.rapaio.jupyter.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test stand-in for rapaio's DisplayData with the methods the sink calls. */
public class DisplayData {
    /** The MIME data. */
    public final Map<String, Object> data = new LinkedHashMap<>();

    /** The display id. */
    public String id;

    /** As the real factory. */
    public static DisplayData fromText(String text) {
        DisplayData dd = new DisplayData();
        dd.data.put("text/plain", text);
        return dd;
    }

    /** As the real method. */
    public void putData(String mime, Object value) {
        data.put(mime, value);
    }

    /** As the real method. */
    public void setDisplayId(String id) {
        this.id = id;
    }
}
