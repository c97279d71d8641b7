package dev.frontier.onnx.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ONNX Runtime's int8 kernels on x86 multiply uint8 activations by int8 weights with {@code
 * PMADDUBSW}, which adds neighbouring products in <em>saturating</em> 16-bit arithmetic (255 x 127
 * x 2 overflows it). Only VNNI ({@code avx512_vnni}, {@code avx_vnni}) or AMX sum them in 32 bits.
 * On an x86 CPU without them (e.g. an AVX2-only AMD EPYC) a QDQ model's int8 results are wrong
 * wherever large weights meet large activations (measured: resnet8's int8 logits agreed with fp32
 * on 62% of images). ORT's cure is the session entry {@code session.x64quantprecision = 1}: its
 * transformer rewrites the int8 weights of QLinearConv, QGemm and MatMulInteger as uint8 (exact,
 * zero point 128) so the slower U8U8 kernels run. It is set on every session Frontier opens on such
 * a CPU, and only there: on VNNI CPUs it would replace the faster symmetric kernels for nothing.
 */
public final class U8S8Saturation {
    /** ORT's session configuration key ({@code kOrtSessionOptionsAvx2PrecisionMode}). */
    public static final String CONFIG_KEY = "session.x64quantprecision";

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Set<String> EXACT_INT8 = Set.of("avx512_vnni", "avx_vnni", "amx_int8");

    private U8S8Saturation() {}

    /** Whether ORT's U8S8 kernels can saturate on this machine's CPU. */
    public static boolean onThisCpu() {
        return saturates(System.getProperty("os.arch", ""), cpuFlags());
    }

    /**
     * Whether U8S8 kernels saturate on a CPU of architecture {@code osArch} (Java's {@code
     * os.arch}) with these {@code /proc/cpuinfo} flags; without flags (not Linux) an x86 CPU is
     * taken to saturate, which keeps results exact at the cost of speed.
     */
    static boolean saturates(String osArch, Optional<Set<String>> flags) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x86 =
                arch.equals("amd64")
                        || arch.equals("x86_64")
                        || arch.equals("x86")
                        || arch.matches("i[3-6]86");
        if (!x86) {
            return false;
        }
        return flags.map(f -> f.stream().noneMatch(EXACT_INT8::contains)).orElse(true);
    }

    /** Applies the session entry when this CPU needs it; returns whether it did. */
    public static boolean apply(OrtSession.SessionOptions options) throws OrtException {
        if (!onThisCpu()) {
            return false;
        }
        options.addConfigEntry(CONFIG_KEY, "1");
        return true;
    }

    /** The first processor's flags in {@code /proc/cpuinfo}, when that file exists. */
    static Optional<Set<String>> cpuFlags() {
        if (!Files.isReadable(CPUINFO)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(CPUINFO)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .map(s -> Arrays.stream(s.split("\\s+")).collect(Collectors.toSet()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
