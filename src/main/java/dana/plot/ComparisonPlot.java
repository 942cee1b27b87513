package dana.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Analysis RMSE by configuration: the mean over seeds with the seeds' standard deviation as error bars, each
 * seed's value, and the reference value when there is one. Logarithmic when the values span more than a decade
 * (climatology beside the ensemble filters).
 */
public final class ComparisonPlot {

    private ComparisonPlot() {
    }

    /**
     * @param perSeed   perSeed[i][s] = analysis RMSE of configuration i with seed s (NaN when it diverged)
     * @param reference reference value per configuration, NaN for none
     */
    public static byte[] render(String title, List<String> ids, double[] mean, double[] sd, List<Long> seeds,
                                double[][] perSeed, double[] reference) {
        int width = Math.max(1000, 80 * ids.size() + 300);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(680).title(title)
                .xAxisTitle("configuration").yAxisTitle("analysis RMSE (time mean after burn-in)").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(40);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("0.###");
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double[] row : perSeed) {
            for (double v : row) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (double r : reference) {
            if (Double.isFinite(r) && r > 0) {
                lo = Math.min(lo, r);
                hi = Math.max(hi, r);
            }
        }
        boolean log = hi > 0 && lo > 0 && hi / lo > 10;
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        // the labels carry the numbers: on a log axis the seeds' spread is too small to see
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            labels.add(ids.get(i) + (Double.isFinite(mean[i]) ? String.format(java.util.Locale.ROOT, "  %.4f", mean[i]) : "  diverged"));
        }
        // XChart draws error bars wrongly on a logarithmic axis and fails on error bars beside a missing mean
        // (every seed diverged): there, the seeds' own points show the spread
        boolean allMeans = java.util.Arrays.stream(mean).allMatch(Double::isFinite);
        CategorySeries m = log || !allMeans
                ? chart.addSeries("mean over seeds", labels, boxed(mean))
                : chart.addSeries("mean over seeds, bars = sd", labels, boxed(mean), boxed(sd));
        m.setMarker(SeriesMarkers.DIAMOND);
        m.setMarkerColor(Style.color(0));
        m.setLineColor(Style.color(0));
        for (int s = 0; s < seeds.size(); s++) {
            double[] col = new double[ids.size()];
            for (int i = 0; i < ids.size(); i++) col[i] = perSeed[i][s];
            CategorySeries cs = chart.addSeries("seed " + seeds.get(s), labels, boxed(col));
            cs.setMarker(SeriesMarkers.CIRCLE);
            java.awt.Color c = Style.color(s + 1);
            cs.setMarkerColor(new java.awt.Color(c.getRed(), c.getGreen(), c.getBlue(), 140));
        }
        boolean anyReference = false;
        for (double r : reference) anyReference |= Double.isFinite(r);
        if (anyReference) {
            CategorySeries ref = chart.addSeries("reference value", labels, boxed(reference));
            ref.setMarker(SeriesMarkers.CROSS);
            ref.setMarkerColor(java.awt.Color.BLACK);
        }
        return Png.of(chart);
    }

    /** XChart skips null values: a diverged configuration simply has no point. */
    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) out.add(Double.isFinite(x) ? x : null);
        return out;
    }
}
