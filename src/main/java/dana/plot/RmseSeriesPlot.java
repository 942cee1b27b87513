package dana.plot;

import dana.run.RunResult;
import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Analysis RMSE against cycle for one configuration, one smoothed line per seed, with the end of the burn-in
 * and each seed's time mean marked. The y axis turns logarithmic when the values span more than a decade
 * (the first cycles, or a diverged run, would otherwise flatten the rest).
 */
public final class RmseSeriesPlot {

    /** Points drawn per line at most: more is invisible at this width and slows the encoder. */
    private static final int MAX_POINTS = 2000;

    private RmseSeriesPlot() {
    }

    /** One seed's run. */
    public record Line(long seed, RunResult result) {
    }

    /**
     * @param cycles the configured length of the runs (a diverged run stops earlier)
     */
    public static byte[] render(String id, List<Line> lines, int burnIn, int cycles) {
        int longest = cycles;
        int window = Math.max(1, Math.min(100, cycles / 50));
        String smoothing = window == 1 ? "per cycle" : "moving average over " + window + " cycles";
        XYChart chart = new XYChartBuilder().width(1000).height(520)
                .title(id + ": analysis RMSE (" + smoothing + ")")
                .xAxisTitle("cycle").yAxisTitle("analysis RMSE").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) cycles);
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int i = 0; i < lines.size(); i++) {
            RunResult r = lines.get(i).result();
            double[] rmse = r.series().rmseA();
            int last = lastFinite(rmse, r.series().lastCycle());
            if (last < 1) continue;
            double[] ma = MovingAverage.trailing(rmse, 1, last + 1, window);
            int step = Math.max(1, ma.length / MAX_POINTS);
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int k = 0; k < ma.length; k += step) {
                xs.add((double) (k + 1));
                ys.add(ma[k]);
                lo = Math.min(lo, ma[k]);
                hi = Math.max(hi, ma[k]);
            }
            String label = "seed " + lines.get(i).seed() + (r.diverged()
                    ? " (diverged at cycle " + r.divergedAtCycle() + ")"
                    : String.format(java.util.Locale.ROOT, " (mean %.4f)", r.rmseA()));
            XYSeries s = chart.addSeries(label, xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Style.color(i));
            s.setLineWidth(1.5f);
            if (!r.diverged()) {
                XYSeries mean = chart.addSeries("seed " + lines.get(i).seed() + " time mean after burn-in",
                        new double[] {burnIn, longest}, new double[] {r.rmseA(), r.rmseA()});
                mean.setMarker(SeriesMarkers.NONE);
                mean.setLineColor(Style.color(i));
                mean.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                mean.setShowInLegend(false);
            }
        }
        if (hi > 0 && lo > 0 && hi / lo > 10) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        }
        if (burnIn > 0 && hi > 0) {
            XYSeries b = chart.addSeries("end of burn-in (cycle " + burnIn + ")",
                    new double[] {burnIn, burnIn}, new double[] {lo, hi});
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(java.awt.Color.GRAY);
            b.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        }
        return Png.of(chart);
    }

    private static int lastFinite(double[] x, int last) {
        int k = last;
        while (k >= 1 && !Double.isFinite(x[k])) k--;
        // keep the prefix before the first non-finite value
        for (int i = 1; i <= k; i++) if (!Double.isFinite(x[i])) return i - 1;
        return k;
    }
}
