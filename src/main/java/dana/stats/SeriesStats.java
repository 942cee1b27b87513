package dana.stats;

/**
 * Time means of per-cycle series and their standard errors. DA error series are strongly autocorrelated, so
 * the standard error uses the integrated autocorrelation time tau (Sokal's automatic window, c = 5):
 * se = sd * sqrt(tau / n).
 */
public final class SeriesStats {

    private SeriesStats() {
    }

    public static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i];
        return s / (to - from);
    }

    /** Integrated autocorrelation time of x[from..to), >= 1. */
    public static double autocorrelationTime(double[] x, int from, int to) {
        int n = to - from;
        if (n < 4) return 1.0;
        double mu = mean(x, from, to);
        double c0 = 0;
        for (int i = from; i < to; i++) c0 += (x[i] - mu) * (x[i] - mu);
        c0 /= n;
        if (c0 == 0) return 1.0;
        double tau = 1.0;
        for (int lag = 1; lag < n / 2; lag++) {
            double c = 0;
            for (int i = from; i + lag < to; i++) c += (x[i] - mu) * (x[i + lag] - mu);
            c /= n;
            tau += 2.0 * c / c0;
            if (lag >= 5.0 * tau) break;
        }
        return Math.max(1.0, tau);
    }

    /** Standard error of the mean of x[from..to), accounting for autocorrelation. */
    public static double standardError(double[] x, int from, int to) {
        int n = to - from;
        if (n < 2) return Double.NaN;
        double mu = mean(x, from, to);
        double v = 0;
        for (int i = from; i < to; i++) v += (x[i] - mu) * (x[i] - mu);
        v /= (n - 1);
        return Math.sqrt(v * autocorrelationTime(x, from, to) / n);
    }

    /** Sample standard deviation of the values (0 for fewer than two). */
    public static double sd(double[] v) {
        if (v.length < 2) return 0.0;
        double mu = mean(v, 0, v.length);
        double s = 0;
        for (double x : v) s += (x - mu) * (x - mu);
        return Math.sqrt(s / (v.length - 1));
    }
}
