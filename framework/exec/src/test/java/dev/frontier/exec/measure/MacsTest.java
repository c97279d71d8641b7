package dev.frontier.exec.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MacsTest {
    @BeforeAll
    static void engine() {
        EngineSetup.start(1);
    }

    /**
     * Hand counts at 1x28x28: lenet5 117,600 + 240,000 + 48,000 + 10,080 + 840; resnet20 stem
     * 112,896, stage 1 6 x 1,806,336, stages 2 and 3 10,035,200 each (stride-2 conv, 1x1
     * projection, five full convs), fc 640; mobilenet stem 225,792, depthwise convs count 9 MACs
     * per output value (groups = channels), pointwise 1,605,632 / 1,605,632 / 3,211,264 / 1,605,632
     * / 3,211,264, fc 2,560.
     */
    @ParameterizedTest
    @CsvSource({"lenet5,416520", "resnet20,31021952", "mobilenet,12201600"})
    void denseMacs_matchHandCounts_includingDepthwiseGroups(String name, long expected) {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of(name, 1), Device.cpu(), 1)) {
            Macs macs = Macs.of(m);
            assertEquals(expected, macs.dense());
            assertEquals(
                    expected, macs.nonZero()); // a freshly initialized model has no zero weights
        }
    }
}
