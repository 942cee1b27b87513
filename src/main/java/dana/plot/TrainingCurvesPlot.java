package dana.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The curves of a training run in one PNG, two charts stacked: the loss per step (raw and a moving average,
 * log scale) and the validation analysis RMSE against training minutes, with an optional reference level (e.g.
 * a published aRMSE) as a dashed line.
 */
public final class TrainingCurvesPlot {

    private static final int MAX_POINTS = 3000;

    private TrainingCurvesPlot() {
    }

    /**
     * @param steps          step of each logged row
     * @param loss           loss of each row
     * @param validationMin  training minutes of each validation
     * @param validationRmse mean validation RMSE (finite values only are drawn)
     * @param reference      a horizontal reference level, or NaN for none
     */
    public static byte[] render(String title, double[] steps, double[] loss, double[] validationMin,
                                double[] validationRmse, double reference, String referenceLabel) {
        XYChart top = new XYChartBuilder().width(1000).height(420).title(title + ": training loss")
                .xAxisTitle("step").yAxisTitle("loss").build();
        Style.apply(top.getStyler());
        top.getStyler().setXAxisDecimalPattern("#");
        top.getStyler().setXAxisTickMarkSpacingHint(90);
        int n = steps.length;
        if (n > 0) {
            int window = Math.max(1, Math.min(200, n / 30));
            double[] ma = MovingAverage.trailing(finiteOrPrevious(loss), 0, n, window);
            int stride = Math.max(1, n / MAX_POINTS);
            List<Double> xs = new ArrayList<>(), raw = new ArrayList<>(), smooth = new ArrayList<>();
            for (int i = 0; i < n; i += stride) {
                if (!(loss[i] > 0) || !Double.isFinite(loss[i])) continue;
                xs.add(steps[i]);
                raw.add(loss[i]);
                smooth.add(ma[i]);
            }
            if (!xs.isEmpty()) {
                top.getStyler().setYAxisLogarithmic(true);
                top.getStyler().setYAxisLogarithmicDecadeOnly(false);
                XYSeries r = top.addSeries("loss per step", xs, raw);
                r.setMarker(SeriesMarkers.NONE);
                r.setLineColor(new java.awt.Color(170, 200, 230));
                r.setLineWidth(1f);
                XYSeries s = top.addSeries("moving average over " + window + " steps", xs, smooth);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(Style.color(0));
                s.setLineWidth(2f);
            }
        }
        XYChart bottom = new XYChartBuilder().width(1000).height(420).title(title + ": validation analysis RMSE")
                .xAxisTitle("training minutes").yAxisTitle("aRMSE (mean over validation seeds)").build();
        Style.apply(bottom.getStyler());
        List<Double> vx = new ArrayList<>(), vy = new ArrayList<>();
        for (int i = 0; i < validationMin.length; i++) {
            if (Double.isFinite(validationRmse[i])) {
                vx.add(validationMin[i]);
                vy.add(validationRmse[i]);
            }
        }
        if (!vx.isEmpty()) {
            XYSeries v = bottom.addSeries("validation aRMSE", vx, vy);
            v.setMarker(SeriesMarkers.CIRCLE);
            v.setLineColor(Style.color(5));
            v.setMarkerColor(Style.color(5));
            double lo = vy.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double hi = vy.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            if (hi / lo > 10) {
                bottom.getStyler().setYAxisLogarithmic(true);
                bottom.getStyler().setYAxisLogarithmicDecadeOnly(false);
            }
            if (Double.isFinite(reference)) {
                XYSeries ref = bottom.addSeries(referenceLabel, new double[] {vx.get(0), vx.get(vx.size() - 1)},
                        new double[] {reference, reference});
                ref.setMarker(SeriesMarkers.NONE);
                ref.setLineColor(java.awt.Color.GRAY);
                ref.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        BufferedImage a = BitmapEncoder.getBufferedImage(top);
        BufferedImage b = BitmapEncoder.getBufferedImage(bottom);
        BufferedImage img = new BufferedImage(Math.max(a.getWidth(), b.getWidth()), a.getHeight() + b.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, 0, a.getHeight(), null);
        g.dispose();
        return Png.of(img);
    }

    /** Non-finite values replaced by the previous finite one, so one bad step does not poison the average. */
    private static double[] finiteOrPrevious(double[] x) {
        double[] out = new double[x.length];
        double last = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i])) last = x[i];
            out[i] = last;
        }
        return out;
    }
}
