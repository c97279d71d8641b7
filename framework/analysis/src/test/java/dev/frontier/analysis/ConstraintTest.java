package dev.frontier.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstraintTest {

    @Test
    void parse_readsMetricOperatorAndBound() {
        assertEquals(
                new Constraint("size_mb", Constraint.Operator.LE, 5),
                Constraint.parse("size_mb<=5"));
        assertEquals(
                new Constraint("accuracy", Constraint.Operator.GT, 0.85),
                Constraint.parse(" accuracy > 0.85 "));
    }

    @Test
    void parse_rejectsUnknownOperator_showingTheExpectedForm() {
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> Constraint.parse("size_mb == 5"));
        assertTrue(e.getMessage().contains("'size_mb <= 5'"), e.getMessage());
    }

    @Test
    void parse_rejectsNonNumericBound() {
        var e =
                assertThrows(
                        IllegalArgumentException.class, () -> Constraint.parse("size_mb <= five"));
        assertTrue(e.getMessage().contains("'five'"), e.getMessage());
    }

    @Test
    void infiniteBound_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Constraint("size_mb", Constraint.Operator.LE, Double.POSITIVE_INFINITY));
    }

    @Test
    void strictOperators_excludeTheBound_andInclusiveOnesKeepIt() {
        assertFalse(Constraint.parse("size_mb < 5").isSatisfiedBy(5));
        assertTrue(Constraint.parse("size_mb < 5").isSatisfiedBy(4.99));
        assertTrue(Constraint.parse("size_mb <= 5").isSatisfiedBy(5));
        assertTrue(Constraint.parse("accuracy >= 0.9").isSatisfiedBy(0.9));
        assertFalse(Constraint.parse("accuracy > 0.9").isSatisfiedBy(0.9));
    }

    @Test
    void nan_neverSatisfiesAConstraint() {
        assertFalse(Constraint.parse("size_mb <= 5").isSatisfiedBy(Double.NaN));
        assertFalse(Constraint.parse("size_mb >= 5").isSatisfiedBy(Double.NaN));
    }

    @Test
    void toString_writesTheParsableForm() {
        assertEquals("size_mb <= 5", Constraint.parse("size_mb<=5.0").toString());
        assertEquals("accuracy >= 0.875", Constraint.parse("accuracy>=0.875").toString());
    }

    @Test
    void objective_isBetter_followsDirection() {
        assertTrue(Objective.maximize("accuracy").isBetter(0.9, 0.8));
        assertFalse(Objective.maximize("accuracy").isBetter(0.8, 0.8));
        assertTrue(Objective.minimize("size_mb").isBetter(1, 2));
    }
}
