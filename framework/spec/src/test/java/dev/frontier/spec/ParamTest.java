package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParamTest {

    @Test
    void linearRange_includesBothBoundsWithoutFloatingNoise() {
        assertEquals(List.of(0.5, 0.6, 0.7, 0.8, 0.9), Param.linear(0.5, 0.9, 5).values());
    }

    @Test
    void logRange_spacesGeometrically() {
        assertEquals(List.of(1e-4, 1e-3, 1e-2), Param.log(1e-4, 1e-2, 3).values());
    }

    @Test
    void randomRange_isSortedWithinBoundsAndRepeatableForASeed() {
        List<Double> values = Param.random(0.1, 0.9, 4, 7).values();
        assertEquals(values, Param.random(0.1, 0.9, 4, 7).values());
        assertTrue(values.stream().allMatch(v -> v >= 0.1 && v < 0.9), values.toString());
        assertEquals(values.stream().sorted().toList(), values);
        assertTrue(!values.equals(Param.random(0.1, 0.9, 4, 8).values()));
    }

    @Test
    void fixedValue_isNotAnAxis_andAxisHasNoSingleValue() {
        assertEquals(0.5, Param.of(0.5).value());
        assertTrue(Param.oneOf(0.5).isAxis());
        assertThrows(IllegalStateException.class, () -> Param.oneOf(0.5, 0.7).value());
    }

    @Test
    void suggestions_findCloseNamesOnly() {
        assertEquals(
                Optional.of("fashion-mnist"),
                Suggestions.closest("fashion_mnist", Catalog.datasetNames()));
        assertEquals(
                Optional.of("ratio"),
                Suggestions.closest("ration", List.of("method", "ratio", "scope")));
        assertEquals(Optional.empty(), Suggestions.closest("vgg16", Catalog.modelNames()));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }

    @Test
    void constraint_parsesMetricOperatorAndBound() {
        Constraint c = Constraint.parse("accuracy_drop <= 1.0");
        assertEquals(new Constraint("accuracy_drop", Constraint.Op.LE, 1.0), c);
        assertTrue(c.test(0.4));
        assertTrue(!c.test(1.5));
    }

    @Test
    void device_parsesAutoCpuAndNumberedGpu() {
        assertEquals(Device.gpu(1), Device.parse("gpu:1"));
        assertEquals("gpu:1", Device.gpu(1).toString());
        assertEquals(Device.CPU, Device.parse("cpu"));
    }
}
