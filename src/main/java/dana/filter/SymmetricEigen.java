package dana.filter;

/**
 * Eigendecomposition of a small dense symmetric matrix, A = V diag(values) V^T, without allocation after
 * construction: Householder reduction to tridiagonal form, then implicit QR steps with Wilkinson shifts, the
 * Givens rotations accumulated into V. The ensemble filters call it once per analysis (Ne x Ne) or once per
 * grid point (LETKF), where a general-purpose decomposition spends more time in set-up than in arithmetic.
 * The row operations are {@link VectorOps} kernels: the plain loops' arithmetic, vectorised (bit-identical).
 */
public final class SymmetricEigen {

    private final int n;
    private final double[] a;      // working copy, n x n row-major
    private final int ns;          // row stride of vecs: n rounded up to whole vectors
    private final double[] vecs;   // n x ns row-major, ROW j = eigenvector j: the rotations then sweep contiguous rows;
                                   // columns n..ns-1 are padding that stays zero, so row operations need no scalar tail
    private final double[] out;    // n x n: the eigenvectors without the padding (vecs itself when ns = n)
    private final double[] t;      // ns: V^T-times-vector workspace
    private final double[] d;      // diagonal, then eigenvalues
    private final double[] e;      // off-diagonal
    private final double[] hv, p;  // Householder vector and A v
    private final double[] hv2, p2; // 2 hv, 2 p
    private final double[] cosines, sines; // the rotations of one QR step

    public SymmetricEigen(int n) {
        this.n = n;
        a = new double[n * n];
        ns = (n + VectorOps.L - 1) / VectorOps.L * VectorOps.L;
        vecs = new double[n * ns];
        out = ns == n ? vecs : new double[n * n];
        d = new double[n];
        e = new double[Math.max(1, n - 1)];
        hv = new double[n];
        hv2 = new double[n];
        p2 = new double[n];
        cosines = new double[n];
        sines = new double[n];
        p = new double[n];
        t = new double[ns];
    }

    public int size() {
        return n;
    }

    /** Eigenvalue j (in no particular order) of the last decomposition. */
    public double value(int j) {
        return d[j];
    }

    /** Component i of eigenvector j. */
    public double vector(int i, int j) {
        return out[j * n + i];
    }

    /** The eigenvectors as an n x n row-major array whose row j is eigenvector j (do not modify). */
    public double[] vectorsByRow() {
        return out;
    }

    /**
     * Decomposes the symmetric matrix given as an n x n row-major array (only read, and only its lower
     * triangle is used).
     *
     * @throws IllegalStateException if the QR iteration does not converge (a non-finite input)
     */
    public void decompose(double[] matrix) {
        load(matrix);
        tridiagonalise();
        beginQr();
        while (nextQrStep()) runQrStep();
        finish();
    }

    /**
     * Decomposes two matrices, {@code mp} by {@code p} and {@code mq} by {@code q}, with their QR iterations run
     * side by side: a QR step is a chain of dependent square roots and divisions, so two independent chains in
     * one loop keep the core busy while each waits. Each result has the bits {@link #decompose} gives.
     */
    public static void decomposeBoth(SymmetricEigen p, double[] mp, SymmetricEigen q, double[] mq) {
        p.load(mp);
        q.load(mq);
        p.tridiagonalise();
        q.tridiagonalise();
        p.beginQr();
        q.beginQr();
        boolean pa = p.nextQrStep(), qa = q.nextQrStep();
        while (pa && qa) {
            for (int t = Math.min(p.hi - p.k, q.hi - q.k); t > 0; t--) {
                p.rotation();
                q.rotation();
            }
            if (p.k == p.hi) pa = p.nextQrStep();
            if (q.k == q.hi) qa = q.nextQrStep();
        }
        for (; pa; pa = p.nextQrStep()) {
            for (int t = p.hi - p.k; t > 0; t--) p.rotation();
        }
        for (; qa; qa = q.nextQrStep()) {
            for (int t = q.hi - q.k; t > 0; t--) q.rotation();
        }
        p.finish();
        q.finish();
    }

    private void load(double[] matrix) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * n + j] = matrix[i * n + j];
                a[j * n + i] = matrix[i * n + j];
            }
        }
        java.util.Arrays.fill(vecs, 0.0);
        for (int i = 0; i < n; i++) vecs[i * ns + i] = 1.0;
    }

    private void finish() {
        if (out != vecs) {
            for (int j = 0; j < n; j++) System.arraycopy(vecs, j * ns, out, j * n, n);
        }
    }
    /** A <- H A H for Householder reflections H = I - 2 v v^T zeroing column k below the subdiagonal. */
    private void tridiagonalise() {
        for (int k = 0; k < n - 2; k++) {
            int m = n - k - 1;
            double norm = 0;
            for (int j = 0; j < m; j++) {
                double x = a[(k + 1 + j) * n + k];
                hv[j] = x;
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) continue;
            double alpha = hv[0] > 0 ? -norm : norm;
            hv[0] -= alpha;
            double vn = 0;
            for (int j = 0; j < m; j++) vn += hv[j] * hv[j];
            vn = Math.sqrt(vn);
            if (vn == 0) continue;
            for (int j = 0; j < m; j++) hv[j] /= vn;
            // column k becomes (alpha, 0, ..., 0) below the diagonal
            a[(k + 1) * n + k] = alpha;
            a[k * n + k + 1] = alpha;
            for (int j = 1; j < m; j++) {
                a[(k + 1 + j) * n + k] = 0;
                a[k * n + k + 1 + j] = 0;
            }
            // trailing block B <- B - 2 v q^T - 2 q v^T with p = B v, q = p - (v.p) v
            int o = k + 1;
            // p = B v as a sum of B's rows (B is symmetric): contiguous axpys rather than dot products
            java.util.Arrays.fill(p, 0, m, 0.0);
            VectorOps.addRows(p, 0, m, hv, 0, 1, a, o * n + o, n, m);
            double vp = 0;
            for (int r = 0; r < m; r++) vp += hv[r] * p[r];
            for (int r = 0; r < m; r++) p[r] -= vp * hv[r];
            // B_rc -= (2 v_r) p_c + (2 p_r) v_c (doubling is exact: the same products as 2 v_r p_c etc.)
            for (int r = 0; r < m; r++) {
                hv2[r] = 2 * hv[r];
                p2[r] = 2 * p[r];
            }
            VectorOps.subOuterTwo(a, o * n + o, n, m, hv2, p, p2, hv, m);
            // V <- V H, i.e. (rows of V^T) o..n-1 <- H (those rows): t = 2 sum_c hv_c row_{o+c}, row_{o+c} -= hv_c t
            java.util.Arrays.fill(t, 0.0);
            VectorOps.addRows(t, 0, ns, hv2, 0, 1, vecs, o * ns, ns, m);
            VectorOps.subOuter(vecs, o * ns, ns, m, hv, t, ns);
        }
        for (int i = 0; i < n; i++) d[i] = a[i * n + i];
        for (int i = 0; i < n - 1; i++) e[i] = a[(i + 1) * n + i];
    }

    // The implicit symmetric QR iteration with Wilkinson shifts on the tridiagonal (d, e), deflating from the
    // bottom, kept as a state that advances one rotation at a time (so that decomposeBoth can interleave two):
    // the unreduced block [lo, hi] of the current QR step, its next rotation k, the bulge (x, z), and d[k], e[k]
    // as the previous rotation left them (ak, bk), carried in fields the JIT keeps in registers.
    private int lo, hi, k, from, to, qrSteps;
    private double x, z, ak, bk;
    private boolean stepOpen;

    private void beginQr() {
        qrSteps = 0;
        // off-diagonals to test for negligibility: all at first, then those the last QR step changed (the others are
        // zeros, or unchanged with their neighbouring diagonal entries since they passed the test: the same outcome)
        from = 0;
        to = n - 1;
        hi = n - 1;
        k = hi;
        stepOpen = false;
    }

    /**
     * Completes the open QR step (its rotations applied to the eigenvector rows after the scalar recurrence, in
     * the same order), deflates, and opens the next step; false once the matrix is diagonal.
     */
    private boolean nextQrStep() {
        if (stepOpen) {
            VectorOps.rotateChain(vecs, ns, lo, hi, cosines, sines);
            from = lo;
            to = hi;
            stepOpen = false;
        }
        for (int i = from; i < to; i++) {
            if (Math.abs(e[i]) <= 1e-15 * (Math.abs(d[i]) + Math.abs(d[i + 1])) || Math.abs(e[i]) < Double.MIN_NORMAL) {
                e[i] = 0;
            }
        }
        while (hi > 0 && e[hi - 1] == 0) hi--;
        if (hi == 0) return false;
        lo = hi - 1;
        while (lo > 0 && e[lo - 1] != 0) lo--;
        if (++qrSteps > 50 * n + 50) {
            throw new IllegalStateException("symmetric eigendecomposition did not converge (non-finite input?)");
        }
        double delta = 0.5 * (d[hi - 1] - d[hi]);
        double b2 = e[hi - 1] * e[hi - 1];
        // Math.hypot guards against overflow we cannot meet here (entries are O(1e6) at most) and is 10x dearer
        double mu = d[hi] - b2 / (delta + (delta >= 0 ? 1 : -1) * Math.sqrt(delta * delta + b2));
        x = d[lo] - mu;
        z = e[lo];
        ak = d[lo];
        bk = e[lo];
        k = lo;
        stepOpen = true;
        return true;
    }

    /**
     * The rotations k..hi-1 of the open QR step: {@link #rotation()} in a loop with the state in locals, which the
     * single decomposition's loop needs to be as fast as it was (some 6% of the 20x20 decomposition); the two
     * bodies are the same arithmetic, and SymmetricEigenTest checks decomposeBoth against decompose bit for bit.
     */
    private void runQrStep() {
        double x = this.x, z = this.z, ak = this.ak, bk = this.bk;
        for (int k = this.k; k < hi; k++) {
            double r = Math.sqrt(x * x + z * z);
            double c = r == 0 ? 1 : x / r, s = r == 0 ? 0 : -z / r;
            if (k > lo) e[k - 1] = r;
            double ak1 = d[k + 1];
            double cs = c * s, cc = c * c, ss = s * s;
            d[k] = cc * ak - 2 * cs * bk + ss * ak1;
            double dk1 = ss * ak + 2 * cs * bk + cc * ak1;
            double ek = cs * (ak - ak1) + (cc - ss) * bk;
            d[k + 1] = dk1;
            e[k] = ek;
            if (k < hi - 1) {
                double ek1 = e[k + 1];
                double bulge = -s * ek1;
                bk = c * ek1;
                e[k + 1] = bk;
                x = ek;
                z = bulge;
            }
            ak = dk1;
            cosines[k] = c;
            sines[k] = s;
        }
        k = hi;
    }

    /** Rotation k of the open QR step (k < hi). */
    private void rotation() {
        int k = this.k;
        double x = this.x, z = this.z, ak = this.ak, bk = this.bk;
        double r = Math.sqrt(x * x + z * z);
        double c = r == 0 ? 1 : x / r, s = r == 0 ? 0 : -z / r;
        if (k > lo) e[k - 1] = r;
        double ak1 = d[k + 1];
        double cs = c * s, cc = c * c, ss = s * s;
        d[k] = cc * ak - 2 * cs * bk + ss * ak1;
        double dk1 = ss * ak + 2 * cs * bk + cc * ak1;
        double ek = cs * (ak - ak1) + (cc - ss) * bk;
        d[k + 1] = dk1;
        e[k] = ek;
        if (k < hi - 1) {
            double ek1 = e[k + 1];
            double bulge = -s * ek1;
            bk = c * ek1;
            e[k + 1] = bk;
            this.x = ek;
            this.z = bulge;
            this.bk = bk;
        }
        this.ak = dk1;
        cosines[k] = c;
        sines[k] = s;
        this.k = k + 1;
    }
}
