package dev.frontier.codec.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntropyFloorTest {

    @Test
    void sparseTensorWithOneCode_costsItsPositionsAndItsScale() {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i += 10) {
            values[i] = 0.5f; // 10% density, every non-zero the same code
        }
        NamedTensor t =
                new NamedTensor(
                        "w",
                        new int[] {1000},
                        values,
                        TensorEncoding.quantized(4, true, false).withSparse(true));
        // 1000 * H(0.1) = 468.996 bits of positions, 0 bits of codes, one fp32 scale
        assertEquals(1000 * 0.4689956 + 32, EntropyFloor.bits(t), 1e-3);
    }

    @Test
    void denseTensor_costsTheEntropyOfItsCodesWithoutPositions() {
        float[] values = new float[512];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2 == 0 ? 1f : -1f; // two equally frequent codes: 1 bit each
        }
        NamedTensor t =
                new NamedTensor(
                        "w", new int[] {512}, values, TensorEncoding.quantized(8, true, false));
        assertEquals(512 + 32, EntropyFloor.bits(t), 1e-9);
    }

    @Test
    void floor_isBelowTheZstdCodedFileOfAPrunedQuantizedModel() throws Exception {
        Random random = new Random(3);
        float[] w = new float[120 * 400];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextDouble() < 0.9 ? 0f : (float) random.nextGaussian();
        }
        ModelFile file =
                new ModelFile(
                                "m",
                                List.of(
                                        new NamedTensor(
                                                "fc",
                                                new int[] {120, 400},
                                                w,
                                                TensorEncoding.quantized(4, true, true)
                                                        .withSparse(true))))
                        .entropyCoded(true);
        long floor = EntropyFloor.bytes(file);
        long written = ModelFileWriter.toBytes(file).length;
        assertTrue(floor < written, floor + " vs " + written);
        assertTrue(
                floor > written / 2,
                "the floor is a tight bound here: " + floor + " vs " + written);
    }
}
