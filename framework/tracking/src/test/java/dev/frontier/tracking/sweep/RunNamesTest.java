package dev.frontier.tracking.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunNamesTest {

    @Test
    void forTrial_abbreviatesAxesByLastWordInitial() {
        var axes = new LinkedHashMap<String, String>();
        axes.put("prune.ratio", "0.90");
        axes.put("quantize.bits", "4");
        assertEquals("T4-r0.9-b4", RunNames.forTrial("T4", axes));
    }

    @Test
    void forTrial_withoutAxesIsTheTrialId() {
        assertEquals("T0", RunNames.forTrial("T0", Map.of()));
    }

    @Test
    void forTrial_cutsLongTextValues() {
        assertEquals(
                "T2-mper_channel",
                RunNames.forTrial("T2", Map.of("quant.mode", "per_channel_symmetric")));
    }
}
