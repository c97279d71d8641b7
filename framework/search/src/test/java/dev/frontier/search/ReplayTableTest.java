package dev.frontier.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTableTest {

    private static final String HEADER =
            "trial_id,name,status,params.runtime,params.kernel_precision,params.onnx_file,"
                    + "params.prune.ratio,params.quantize.bits,metrics.accuracy,metrics.size_bytes\n";

    @Test
    void readsRunResults_axesAreTheVaryingIndependentParams(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("results.csv"),
                HEADER
                        + "baseline,baseline,OK,onnxruntime,fp32,/r/b.onnx,,,0.90,1000\n"
                        + "a,T1,OK,onnxruntime,fp32,/r/a.onnx,0.5,32,0.89,500\n"
                        + "b,T2,OK,onnxruntime,int8,/r/b1.onnx,0.5,8,0.88,150\n"
                        + "c,T3,OK,onnxruntime,int8,/r/c.onnx,0.9,8,0.80,40\n"
                        + "d,T4,OK,onnxruntime,int8,/r/d.onnx,0.9,4,0.70,25\n"
                        + "e,T5,FAILED,onnxruntime,int8,/r/e.onnx,0.5,4,,\n"
                        + "f,T6,OK,onnxruntime,fp32,/r/f.onnx,0.9,32,0.82,110\n"
                        + "g,T7,OK,onnxruntime,int8,/r/g.onnx,0.9,4,0.72,27\n");
        ReplayTable table = ReplayTable.readResultsCsv(dir, "accuracy", "size_bytes");
        // the path is unique per trial and the kernel follows from the bits: neither is an axis
        assertEquals(
                List.of(
                        Axis.of("prune.ratio", "0.5", "0.9"),
                        Axis.of("quantize.bits", "4", "8", "32")),
                table.space().axes());
        assertEquals(5, table.size()); // 7 trials, one failed, one point measured twice
        assertArrayEquals(new double[] {0.89, 500}, table.lookup(Point.of(0, 2)), 1e-12);
        assertArrayEquals(new double[] {0.71, 26}, table.lookup(Point.of(1, 0)), 1e-12);
        assertEquals(
                Map.of("prune.ratio", "0.9", "quantize.bits", "8"),
                table.space().values(Point.of(1, 1)));
        assertTrue(table.source().contains("1 failed or incomplete"), table.source());
        var e = assertThrows(IllegalArgumentException.class, () -> table.lookup(Point.of(0, 0)));
        assertTrue(e.getMessage().contains("was not measured"));
    }

    @Test
    void missingFileOrColumn_saysWhich(@TempDir Path dir) throws Exception {
        var missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ReplayTable.readResultsCsv(dir, "accuracy", "size_bytes"));
        assertTrue(missing.getMessage().endsWith("results.csv: no such results table"));
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "trial_id,status,metrics.accuracy\na,OK,0.9\n");
        var column =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ReplayTable.readResultsCsv(file, "accuracy", "size_bytes"));
        assertEquals(file + ": no column metrics.size_bytes", column.getMessage());
    }
}
