package dev.frontier.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class U8S8SaturationTest {

    @Test
    void x86WithoutVnni_saturates_withVnniOrAmx_doesNot() {
        assertTrue(U8S8Saturation.saturates("amd64", Optional.of(Set.of("sse4_1", "avx2", "fma"))));
        assertTrue(
                U8S8Saturation.saturates(
                        "x86_64", Optional.of(Set.of("avx2", "avx512f", "avx512bw"))));
        assertFalse(
                U8S8Saturation.saturates(
                        "amd64", Optional.of(Set.of("avx2", "avx512f", "avx512_vnni"))));
        assertFalse(U8S8Saturation.saturates("amd64", Optional.of(Set.of("avx2", "avx_vnni"))));
        assertFalse(U8S8Saturation.saturates("amd64", Optional.of(Set.of("avx2", "amx_int8"))));
    }

    @Test
    void x86WithUnknownFlags_isTakenToSaturate_otherArchitecturesNever() {
        assertTrue(U8S8Saturation.saturates("amd64", Optional.empty()));
        assertTrue(U8S8Saturation.saturates("i686", Optional.empty()));
        assertFalse(U8S8Saturation.saturates("aarch64", Optional.empty()));
        assertFalse(U8S8Saturation.saturates("aarch64", Optional.of(Set.of("asimd", "sve"))));
    }
}
