package dana.obs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObservationOperatorsTest {

    @Test
    void identityObservesEverything() {
        ObservationOperator h = ObservationOperators.parse("identity", 5, 1);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, h.observedIndices(1));
        assertTrue(h.isStatic());
    }

    @Test
    void everyKthVariable() {
        assertArrayEquals(new int[] {0, 3, 6, 9}, ObservationOperators.parse("every:3", 10, 1).observedIndices(7));
    }

    @Test
    void fixedSubsetIsFixedSeededAndOfTheRightSize() {
        ObservationOperator h = ObservationOperators.parse("subset:0.25", 40, 9);
        int[] a = h.observedIndices(1);
        assertEquals(10, a.length);
        assertArrayEquals(a, h.observedIndices(500));
        assertArrayEquals(a, ObservationOperators.parse("subset:0.25", 40, 9).observedIndices(1));
        assertFalse(Arrays.equals(a, ObservationOperators.parse("subset:0.25", 40, 10).observedIndices(1)));
        assertTrue(isStrictlyAscending(a));
    }

    @Test
    void randomMaskChangesPositionsAndCountInTimeWithTheRightMeanFraction() {
        ObservationOperator h = ObservationOperators.parse("random:0.3", 40, 4);
        assertFalse(h.isStatic());
        double total = 0;
        java.util.Set<Integer> counts = new java.util.HashSet<>();
        for (int k = 1; k <= 2000; k++) {
            int[] idx = h.observedIndices(k);
            assertTrue(idx.length >= 1 && isStrictlyAscending(idx));
            counts.add(idx.length);
            total += idx.length;
        }
        assertEquals(0.3, total / 2000 / 40, 0.01);
        assertTrue(counts.size() > 5, "the count must vary in time");
        assertArrayEquals(h.observedIndices(17), ObservationOperators.parse("random:0.3", 40, 4).observedIndices(17));
        assertFalse(Arrays.equals(h.observedIndices(17), h.observedIndices(18)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"subset:1.5", "random:0", "random:-0.2", "every:0", "every:x", "sparse", "subset:abc", ""})
    void badSpecsNameTheFieldAndWhatIsAllowed(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObservationOperators.parse(spec, 40, 1));
        assertTrue(e.getMessage().startsWith("obs:"), e.getMessage());
    }

    static boolean isStrictlyAscending(int[] a) {
        for (int i = 1; i < a.length; i++) if (a[i] <= a[i - 1]) return false;
        return true;
    }
}
