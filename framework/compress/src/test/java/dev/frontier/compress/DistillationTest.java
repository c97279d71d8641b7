package dev.frontier.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistillationTest {
    static final float[][] S = {{1.0f, -0.5f, 0.2f}, {0.3f, 0.8f, -1.2f}};
    static final float[][] T = {{2.0f, 0.1f, -0.4f}, {-0.2f, 1.5f, 0.0f}};
    static final float[] Y = {0, 2};

    @BeforeAll
    static void engine() {
        EngineSetup.start(1);
    }

    static double[] softmax(float[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v / t);
        }
        double sum = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] / t - max);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    static double closedForm(double temp, double alpha) {
        double kl = 0;
        double ce = 0;
        for (int b = 0; b < S.length; b++) {
            double[] p = softmax(T[b], temp);
            double[] q = softmax(S[b], temp);
            for (int i = 0; i < p.length; i++) {
                kl += p[i] * (Math.log(p[i]) - Math.log(q[i]));
            }
            ce -= Math.log(softmax(S[b], 1)[(int) Y[b]]);
        }
        return alpha * temp * temp * kl / S.length + (1 - alpha) * ce / S.length;
    }

    @Test
    void loss_equalsTheClosedForm() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (double[] ta : new double[][] {{1, 0.5}, {4, 0.9}, {2, 0}, {8, 1}}) {
                float got =
                        new Distillation(ta[0], ta[1])
                                .loss(m.create(S), m.create(T), m.create(Y))
                                .getFloat();
                assertEquals(closedForm(ta[0], ta[1]), got, 1e-5, "T=" + ta[0] + " alpha=" + ta[1]);
            }
        }
    }

    @Test
    void lossAndGradient_stayFinite_forExtremeButFiniteLogits() {
        // a teacher so sure that softmax(z_t / T) underflows to exactly 0 for the other classes
        // (log p = -inf would make p * (log p - log q) = 0 * -inf = NaN): the log-softmax form
        // keeps
        // log p finite, so no batch of finite logits can make the loss NaN
        float[][] student = {{3e4f, -3e4f, 0f}, {-1e30f, 1e30f, 0f}, {0f, 0f, 0f}};
        float[][] teacher = {{-3e4f, 3e4f, 0f}, {1e30f, -1e30f, 0f}, {1e4f, -1e4f, 5e3f}};
        float[] labels = {1, 0, 2};
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (double t : new double[] {0.5, 1, 4, 20}) {
                NDArray s = m.create(student);
                s.setRequiresGradient(true);
                float loss;
                float[] grad;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l =
                            new Distillation(t, 0.7).loss(s, m.create(teacher), m.create(labels));
                    gc.backward(l);
                    loss = l.getFloat();
                }
                grad = s.getGradient().toFloatArray();
                assertTrue(Float.isFinite(loss), "T=" + t + ": loss " + loss);
                assertTrue(loss > 0, "T=" + t + ": the student disagrees with the teacher");
                for (float g : grad) {
                    assertTrue(Float.isFinite(g), "T=" + t + ": gradient " + g);
                }
            }
        }
    }

    @Test
    void softTermGradient_isIndependentOfTemperatureForLargeT() {
        // Hinton et al.: with zero-mean logits and large T, dL/dz_s ~ (z_s - z_t) / (N * batch)
        // once scaled by T^2
        float[][] s = {{0.5f, -0.2f, -0.3f}};
        float[][] t = {{-0.4f, 0.6f, -0.2f}};
        for (double temp : new double[] {20, 50}) {
            float[] g = gradient(s, t, temp);
            for (int i = 0; i < 3; i++) {
                double expected = (s[0][i] - t[0][i]) / 3.0;
                assertEquals(
                        expected, g[i], Math.abs(expected) * 0.05 + 1e-4, "T=" + temp + " i=" + i);
            }
        }
        float[] low = gradient(s, t, 1);
        float[] high = gradient(s, t, 50);
        assertTrue(
                Math.abs(low[0] - high[0]) > 1e-3,
                "at T=1 the gradient differs from the high-T limit");
    }

    private static float[] gradient(float[][] s, float[][] t, double temp) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray student = m.create(s);
            student.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss =
                        new Distillation(temp, 1)
                                .loss(student, m.create(t), m.create(new float[] {0}));
                gc.backward(loss);
            }
            return student.getGradient().toFloatArray();
        }
    }

    @Test
    void teacherWithOtherClasses_isRefusedByName() {
        ModelSpec student = ModelSpec.of("mlp", 0.5);
        ModelSpec teacherSpec = new ModelSpec("lenet5", 1, 1, 28, 28, 5, List.of());
        try (FrontierModel teacher = FrontierModel.create(teacherSpec, Device.cpu(), 1)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Distillation(4, 0.7).hooks(teacher, student));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "teacher lenet5 predicts 5 classes but student mlp predicts 10"),
                    e.getMessage());
        }
    }

    @Test
    void invalidSettings_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Distillation(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Distillation(2, 1.5));
    }
}
