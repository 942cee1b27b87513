package dana.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymmetricEigenTest {

    @ParameterizedTest(name = "n={0} rank={1}")
    @CsvSource({"1, 1", "2, 2", "3, 3", "10, 10", "20, 20", "20, 5", "41, 40", "7, 0"})
    void reconstructsTheMatrixWithOrthonormalVectorsAndMatchesEjml(int n, int rank) {
        // A = G G^T with G n x rank: symmetric positive semi-definite, with repeated zero eigenvalues when
        // rank < n (the ensemble case: S S^T always has the null direction 1)
        SplittableRandom rng = new SplittableRandom(n * 31L + rank);
        double[] g = new double[n * Math.max(rank, 1)];
        for (int i = 0; i < g.length; i++) g[i] = rank == 0 ? 0 : rng.nextGaussian();
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int k = 0; k < rank; k++) acc += g[i * rank + k] * g[j * rank + k];
                a[i * n + j] = acc;
            }
        }
        SymmetricEigen eig = new SymmetricEigen(n);
        eig.decompose(a);
        double scale = 1;
        for (double x : a) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rec = 0, orth = 0;
                for (int k = 0; k < n; k++) {
                    rec += eig.vector(i, k) * eig.value(k) * eig.vector(j, k);
                    orth += eig.vector(k, i) * eig.vector(k, j);
                }
                assertEquals(a[i * n + j], rec, 1e-12 * scale, "V L V^T");
                assertEquals(i == j ? 1.0 : 0.0, orth, 1e-12, "V^T V");
            }
        }
        var ejml = DecompositionFactory_DDRM.eig(n, false, true);
        ejml.decompose(new DMatrixRMaj(n, n, true, a));
        double[] expected = new double[n], actual = new double[n];
        for (int k = 0; k < n; k++) {
            expected[k] = ejml.getEigenvalue(k).real;
            actual[k] = eig.value(k);
        }
        Arrays.sort(expected);
        Arrays.sort(actual);
        for (int k = 0; k < n; k++) assertEquals(expected[k], actual[k], 1e-11 * scale);
    }

    /** A = G G^T, G n x rank with Gaussian entries (rank 0: the zero matrix). */
    static double[] gramOfRank(int n, int rank, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] g = new double[n * Math.max(rank, 1)];
        for (int i = 0; i < g.length; i++) g[i] = rank == 0 ? 0 : rng.nextGaussian();
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int k = 0; k < rank; k++) acc += g[i * rank + k] * g[j * rank + k];
                a[i * n + j] = acc;
            }
        }
        return a;
    }

    /**
     * Two decompositions side by side (the LETKF's pairs of grid points) give each the bits of its own
     * decomposition, whatever the partner: same or different sizes, ranks, a diagonal matrix (no QR step at all).
     */
    @ParameterizedTest(name = "n={0},{2} rank={1},{3}")
    @CsvSource({"10, 10, 10, 9", "20, 19, 20, 20", "7, 7, 13, 4", "1, 1, 3, 3", "10, 0, 10, 10", "41, 40, 2, 2"})
    void decomposingTwoAtOnceIsBitIdenticalToOneAtATime(int n1, int r1, int n2, int r2) {
        for (long seed = 1; seed <= 5; seed++) {
            double[] a1 = gramOfRank(n1, r1, seed), a2 = gramOfRank(n2, r2, 100 + seed);
            if (seed == 5) {
                java.util.Arrays.fill(a2, 0.0);
                for (int i = 0; i < n2; i++) a2[i * n2 + i] = i + 1.0;
            }
            SymmetricEigen p = new SymmetricEigen(n1), q = new SymmetricEigen(n2);
            SymmetricEigen.decomposeBoth(p, a1, q, a2);
            SymmetricEigen one = new SymmetricEigen(n1), two = new SymmetricEigen(n2);
            one.decompose(a1);
            two.decompose(a2);
            org.junit.jupiter.api.Assertions.assertArrayEquals(one.vectorsByRow(), p.vectorsByRow(), "first, seed " + seed);
            org.junit.jupiter.api.Assertions.assertArrayEquals(two.vectorsByRow(), q.vectorsByRow(), "second, seed " + seed);
            for (int k = 0; k < n1; k++) assertEquals(one.value(k), p.value(k), 0.0);
            for (int k = 0; k < n2; k++) assertEquals(two.value(k), q.value(k), 0.0);
        }
    }
}
