package dana.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Time-mean eigenvalue spectra (largest first) of several covariances against their rank, on a logarithmic
 * axis: the implied P^a of a learned analysis beside an ensemble filter's. Eigenvalues <= 0 (a symmetrised
 * learned gain need not be positive) cannot be drawn on a log axis and are left out of their line.
 */
public final class EigenspectrumPlot {

    private EigenspectrumPlot() {
    }

    /** One spectrum: a label and the eigenvalues by rank (index 0 = rank 1). */
    public record Spectrum(String label, double[] values) {
    }

    public static byte[] render(String title, List<Spectrum> spectra) {
        XYChart chart = new XYChartBuilder().width(1000).height(620).title(title)
                .xAxisTitle("rank").yAxisTitle("eigenvalue (time mean)").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setMarkerSize(6);
        int longest = 1;
        for (int s = 0; s < spectra.size(); s++) {
            double[] v = spectra.get(s).values();
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int j = 0; j < v.length; j++) {
                if (v[j] > 0 && Double.isFinite(v[j])) {
                    xs.add((double) (j + 1));
                    ys.add(v[j]);
                }
            }
            longest = Math.max(longest, v.length);
            if (xs.isEmpty()) continue;
            XYSeries line = chart.addSeries(spectra.get(s).label(), xs, ys);
            line.setMarker(s == 0 ? SeriesMarkers.CIRCLE : s == 1 ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
            line.setLineColor(Style.color(s));
            line.setMarkerColor(Style.color(s));
            line.setLineWidth(1.5f);
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) longest + 1);
        return Png.of(chart);
    }
}
