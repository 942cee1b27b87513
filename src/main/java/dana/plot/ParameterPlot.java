package dana.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A result (e.g. the analysis RMSE) against a parameter (e.g. the time between analyses), one line per series
 * (e.g. per method). Each point is the mean over the seeds that produced a value, with a bar from the smallest
 * to the largest of those values (seed min..max: with 3 seeds a standard error says little). A point whose seeds
 * all diverged is drawn as a cross (in the line's colour) on the top edge of the plot, never as a huge number; a
 * point where only some seeds diverged is the mean of the others, marked with a black plus.
 *
 * <p>Usage: build one {@link Line} per series from per-seed values, then {@link #render}. The caller decides
 * what a series and a point are (experiment configurations, training sweeps, ...).
 */
public final class ParameterPlot {

    private ParameterPlot() {
    }

    /**
     * The chart's texts and axes.
     *
     * @param logX logarithmic x axis (x must be > 0)
     * @param logY logarithmic y axis (values <= 0 are left out)
     */
    public record Axes(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    }

    /**
     * One point of a line.
     *
     * @param x        the parameter's value
     * @param values   the result of each seed that produced one (finite; diverged seeds are not here)
     * @param diverged seeds that diverged at this point
     */
    public record Point(double x, double[] values, int diverged) {

        public Point {
            if (!Double.isFinite(x)) throw new IllegalArgumentException("x: must be finite, got " + x);
            if (diverged < 0) throw new IllegalArgumentException("diverged: must be >= 0, got " + diverged);
            values = values.clone();
            for (double v : values) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("values: must be finite (diverged seeds are counted apart), got " + v);
            }
        }

        public double mean() {
            return values.length == 0 ? Double.NaN : Arrays.stream(values).average().orElse(Double.NaN);
        }

        public double min() {
            return Arrays.stream(values).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(values).max().orElse(Double.NaN);
        }

        /** Every seed diverged: no value to draw. */
        public boolean allDiverged() {
            return values.length == 0 && diverged > 0;
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** One series: its legend label and its points (any order; drawn by increasing x). */
    public record Line(String label, List<Point> points) {

        public Line {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("label: must not be empty");
            points = List.copyOf(points);
        }
    }

    /**
     * A result that does not depend on the parameter (a filter in a plot against the window length): a dashed
     * horizontal line at its mean over seeds, across the plot, in the colour that follows the lines'.
     */
    public record Level(String label, double[] values, int diverged) {

        public Level {
            if (label == null || label.isBlank()) throw new IllegalArgumentException("label: must not be empty");
            values = new Point(0, values, diverged).values(); // the same checks as a point's
        }

        /** The level as a point (its x means nothing). */
        Point value() {
            return new Point(0, values, diverged);
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** The legend's note on what the points and bars are. */
    static final String NOTE = "points: mean over seeds, bars: seed min..max";

    /**
     * Whether a logarithmic x axis over [lo, hi] is labelled at its decades only: from two decades on, XChart's
     * labels at every 1..9 x 10^k run into each other (a pool of 256 to 65,536); below that the decades alone
     * would leave one or two labels (sigma 0.25 to 4, Ne 1 to 16).
     */
    static boolean decadesOnly(double lo, double hi) {
        return lo > 0 && hi / lo >= 100;
    }

    public static byte[] render(Axes axes, List<Line> lines) {
        return render(axes, lines, List.of());
    }

    /** Lines and horizontal levels (see {@link Level}); a level whose seeds all diverged is named in the legend only. */
    public static byte[] render(Axes axes, List<Line> lines, List<Level> levels) {
        XYChart chart = new XYChartBuilder().width(1000).height(640).title(axes.title())
                .xAxisTitle(axes.xLabel()).yAxisTitle(axes.yLabel() + "  (" + NOTE + ")").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setXAxisLogarithmic(axes.logX());
        chart.getStyler().setYAxisLogarithmic(axes.logY());
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.getStyler().setXAxisDecimalPattern("0.###");

        // the range of everything drawn as a number, so that the diverged crosses sit just above it
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (Point p : l.points()) {
                if (!drawable(p.x(), axes.logX())) continue;
                for (double v : p.values) {
                    if (drawable(v, axes.logY())) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        double xLo = Double.POSITIVE_INFINITY, xHi = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (Point p : l.points()) {
                if (drawable(p.x(), axes.logX())) {
                    xLo = Math.min(xLo, p.x());
                    xHi = Math.max(xHi, p.x());
                }
            }
        }
        chart.getStyler().setXAxisLogarithmicDecadeOnly(axes.logX() && decadesOnly(xLo, xHi));
        for (Level l : levels) {
            double m = l.value().mean();
            if (drawable(m, axes.logY())) {
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
        }
        boolean anyValue = hi >= lo;
        double top = !anyValue ? 1.0 : axes.logY() ? hi * Math.pow(hi / lo, 0.08) * 1.05 : hi + Math.max(0.08 * (hi - lo), 0.05 * Math.abs(hi));
        if (anyValue && top > hi) chart.getStyler().setYAxisMax(top);
        if (anyValue && !axes.logY() && lo >= 0) chart.getStyler().setYAxisMin(Math.max(0, lo - 0.08 * (hi - lo)));

        List<Double> partX = new ArrayList<>(), partY = new ArrayList<>();
        int hidden = 0;
        for (int s = 0; s < lines.size(); s++) {
            Line line = lines.get(s);
            Color color = Style.color(s);
            List<Point> pts = new ArrayList<>(line.points());
            pts.sort((a, b) -> Double.compare(a.x(), b.x()));
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), divX = new ArrayList<>();
            for (Point p : pts) {
                if (!drawable(p.x(), axes.logX())) continue;
                if (p.allDiverged()) {
                    divX.add(p.x());
                    continue;
                }
                double m = p.mean();
                if (!drawable(m, axes.logY())) continue;
                xs.add(p.x());
                ys.add(m);
                if (p.diverged() > 0) {
                    partX.add(p.x());
                    partY.add(m);
                }
                // the bar: a vertical segment from the seeds' min to their max, hidden from the legend
                if (p.max() > p.min() && drawable(p.min(), axes.logY())) {
                    XYSeries bar = chart.addSeries("\u200b" + (hidden++), new double[] {p.x(), p.x()},
                            new double[] {p.min(), p.max()});
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineColor(color);
                    bar.setLineWidth(1.5f);
                    bar.setShowInLegend(false);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(unique(chart, line.label()), xs, ys);
                series.setMarker(marker(s));
                series.setMarkerColor(color);
                series.setLineColor(color);
                series.setLineStyle(new BasicStroke(2f)); // solid: the dashed style belongs to the levels
            }
            if (!divX.isEmpty()) {
                // diverged points on the top edge, in the line's colour: visible, and never mistaken for a value
                List<Double> tops = divX.stream().map(x -> top).toList();
                XYSeries cross = chart.addSeries(unique(chart, line.label() + ": all seeds diverged"), divX, tops);
                cross.setMarker(SeriesMarkers.CROSS);
                cross.setMarkerColor(color);
                cross.setLineStyle(INVISIBLE);
                cross.setLineColor(new Color(0, 0, 0, 0));
            }
        }
        for (int i = 0; i < levels.size(); i++) {
            Level level = levels.get(i);
            Color color = Style.color(lines.size() + i);
            double m = level.value().mean();
            String label = level.label() + " (no " + axes.xLabel() + ")";
            if (level.values.length == 0 && level.diverged() == 0) continue; // nothing to show (no such result)
            if (!(xHi >= xLo) || !drawable(m, axes.logY())) {
                XYSeries named = chart.addSeries(unique(chart, label + (level.value().allDiverged() ? ": all seeds diverged" : "")),
                        new double[] {xHi >= xLo ? xLo : 1}, new double[] {top});
                named.setMarker(level.value().allDiverged() ? SeriesMarkers.CROSS : SeriesMarkers.NONE);
                named.setMarkerColor(color);
                named.setLineStyle(INVISIBLE);
                named.setLineColor(new Color(0, 0, 0, 0));
                continue;
            }
            XYSeries flat = chart.addSeries(unique(chart, label), new double[] {xLo, xHi}, new double[] {m, m});
            flat.setMarker(SeriesMarkers.NONE);
            flat.setLineColor(color);
            flat.setLineWidth(2f);
            flat.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        }
        if (!partX.isEmpty()) {
            XYSeries some = chart.addSeries("some seeds diverged (mean of the others)", partX, partY);
            some.setMarker(SeriesMarkers.PLUS);
            some.setMarkerColor(Color.BLACK);
            some.setLineStyle(INVISIBLE);
            some.setLineColor(new Color(0, 0, 0, 0));
        }
        if (chart.getSeriesMap().isEmpty()) {
            // nothing to draw at all: say so rather than fail
            XYSeries none = chart.addSeries("no values", new double[] {1}, new double[] {1});
            none.setMarker(SeriesMarkers.NONE);
        }
        return Png.of(chart);
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static Marker marker(int s) {
        Marker[] m = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN};
        return m[s % m.length];
    }

    private static final BasicStroke INVISIBLE = new BasicStroke(0f);

    /** XChart needs distinct series names: a repeated label gets an invisible suffix. */
    private static String unique(XYChart chart, String label) {
        String l = label;
        while (chart.getSeriesMap().containsKey(l)) l += "\u200b";
        return l;
    }
}
