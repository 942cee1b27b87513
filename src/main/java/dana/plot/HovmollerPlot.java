package dana.plot;

import dana.run.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Hovmoller diagrams of the last cycles of a run: truth, analysis mean and their difference, as colour over
 * (grid index, cycle), time upwards. Truth and analysis share one symmetric colour scale so that they compare
 * directly; the error has its own, with a colour bar for each. Drawn by hand on a BufferedImage: a heat map
 * of 40 x 300 cells needs exact pixel placement more than a charting library.
 */
public final class HovmollerPlot {

    private static final int PANEL_W = 300, PANEL_H = 540, TOP = 80, LEFT = 80, GAP = 36, BAR_W = 18;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private HovmollerPlot() {
    }

    public static byte[] render(String title, RunResult.FieldWindow w) {
        int nx = w.nx(), rows = w.cycles();
        double[] error = new double[rows * nx];
        double fieldMax = 0;
        double[] absError = new double[rows * nx];
        for (int i = 0; i < rows * nx; i++) {
            error[i] = w.analysis()[i] - w.truth()[i];
            absError[i] = Math.abs(error[i]);
            fieldMax = Math.max(fieldMax, Math.max(Math.abs(w.truth()[i]), Math.abs(w.analysis()[i])));
        }
        // the fields are bounded, so their maximum sets the scale; the error's few largest values would wash
        // out the rest, so its scale is a high quantile and the colours saturate beyond it
        java.util.Arrays.sort(absError);
        double errorScale = absError.length == 0 ? 1.0 : absError[(int) Math.floor(0.995 * (absError.length - 1))];
        DivergingColorMap fieldMap = new DivergingColorMap(niceCeil(fieldMax));
        DivergingColorMap errorMap = new DivergingColorMap(niceCeil(errorScale));

        int x1 = LEFT, x2 = x1 + PANEL_W + GAP, bar1 = x2 + PANEL_W + 16;
        int x3 = bar1 + BAR_W + 80, bar2 = x3 + PANEL_W + 16;
        int width = bar2 + BAR_W + 70, height = TOP + PANEL_H + 80;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            Text2D.centred(g, title, width / 2, 30);
            panel(img, g, x1, "truth", w.truth(), nx, rows, fieldMap, w.firstCycle(), true);
            panel(img, g, x2, "analysis mean", w.analysis(), nx, rows, fieldMap, w.firstCycle(), false);
            colourBar(img, g, bar1, fieldMap, "state value");
            panel(img, g, x3, "error (analysis - truth)", error, nx, rows, errorMap, w.firstCycle(), true);
            colourBar(img, g, bar2, errorMap, "error");
            g.setFont(TICK);
            g.setColor(Color.DARK_GRAY);
            Text2D.centred(g, "error colours saturate beyond the 99.5% quantile of |error|", x3 + PANEL_W / 2, TOP + PANEL_H + 62);
        } finally {
            g.dispose();
        }
        return Png.of(img);
    }

    private static void panel(BufferedImage img, Graphics2D g, int x0, String name, double[] field, int nx, int rows,
                              DivergingColorMap map, int firstCycle, boolean yLabels) {
        // nearest cell per pixel, latest cycle at the top
        for (int py = 0; py < PANEL_H; py++) {
            int r = rows - 1 - (int) ((long) py * rows / PANEL_H);
            for (int px = 0; px < PANEL_W; px++) {
                int i = (int) ((long) px * nx / PANEL_W);
                img.setRGB(x0 + px, TOP + py, map.rgb(field[r * nx + i]));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, TOP, PANEL_W, PANEL_H);
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        Text2D.centred(g, name, x0 + PANEL_W / 2, TOP - 12);
        g.setFont(TICK);
        int xStep = niceStep(nx, 5);
        for (int i = 0; i < nx; i += xStep) {
            int px = x0 + (int) ((i + 0.5) * PANEL_W / nx);
            g.drawLine(px, TOP + PANEL_H, px, TOP + PANEL_H + 5);
            Text2D.centred(g, Integer.toString(i), px, TOP + PANEL_H + 19);
        }
        g.setFont(LABEL);
        Text2D.centred(g, "grid index n", x0 + PANEL_W / 2, TOP + PANEL_H + 42);
        g.setFont(TICK);
        int yStep = niceStep(rows, 6);
        int lastCycle = firstCycle + rows - 1;
        for (int c = (firstCycle + yStep - 1) / yStep * yStep; c <= lastCycle; c += yStep) {
            int py = TOP + PANEL_H - (int) ((c - firstCycle + 0.5) * PANEL_H / rows);
            g.drawLine(x0 - 5, py, x0, py);
            if (yLabels) {
                String s = Integer.toString(c);
                g.drawString(s, x0 - 8 - g.getFontMetrics().stringWidth(s), py + 4);
            }
        }
        if (yLabels && x0 == LEFT) {
            g.setFont(LABEL);
            Text2D.vertical(g, "cycle", 22, TOP + PANEL_H / 2);
        }
    }

    private static void colourBar(BufferedImage img, Graphics2D g, int x0, DivergingColorMap map, String label) {
        for (int py = 0; py < PANEL_H; py++) {
            double v = map.vmax() * (1.0 - 2.0 * py / (PANEL_H - 1.0));
            int rgb = map.rgb(v);
            for (int px = 0; px < BAR_W; px++) img.setRGB(x0 + px, TOP + py, rgb);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x0, TOP, BAR_W, PANEL_H);
        g.setColor(Color.BLACK);
        g.setFont(TICK);
        for (int k = -2; k <= 2; k++) {
            double v = map.vmax() * k / 2.0;
            int py = TOP + (int) Math.round((1.0 - (k + 2) / 4.0) * PANEL_H);
            g.drawLine(x0 + BAR_W, py, x0 + BAR_W + 4, py);
            g.drawString(format(v), x0 + BAR_W + 7, py + 4);
        }
        g.setFont(LABEL);
        Text2D.centred(g, label, x0 + BAR_W / 2 + 10, TOP - 12);
    }

    /** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) that is >= v. */
    static double niceCeil(double v) {
        if (!(v > 0) || !Double.isFinite(v)) return 1.0;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) if (m * p >= v * (1 - 1e-12)) return m * p;
        return 10 * p;
    }

    /** A tick spacing of 1, 2, 5 times a power of ten giving about {@code ticks} ticks over {@code n}. */
    static int niceStep(int n, int ticks) {
        double raw = Math.max(1.0, (double) n / ticks);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return (int) Math.max(1, Math.round(m * p));
        return (int) Math.round(10 * p);
    }

    /** A tick value with at most four significant digits and no trailing zeros: 7.5, 15, 0.4, -0.8. */
    private static String format(double v) {
        if (v == 0) return "0";
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
