package dana.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.IntBinaryOperator;

/**
 * Heat maps of a quantity over two relative grid offsets, both centred on 0 (offsets beyond Nx/2 wrap to
 * negative ones): the folded locality tensor of a learned analysis, its signed mean beside its root mean square.
 * Drawn by hand like {@link HovmollerPlot}, one cell per offset pair.
 */
public final class SensitivityHeatMap {

    private static final int PANEL = 480, TOP = 80, LEFT = 90, GAP = 150, BAR_W = 18;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private SensitivityHeatMap() {
    }

    /** A panel: its name and its values {@code values[p][q]} at offsets p, q in [0, n) (mod n). */
    public record Panel(String name, double[][] values, boolean signed) {
    }

    /**
     * @param xLabel label of the first offset (horizontal axis), {@code yLabel} of the second (vertical)
     */
    public static byte[] render(String title, String xLabel, String yLabel, Panel... panels) {
        int width = LEFT + panels.length * (PANEL + GAP), height = TOP + PANEL + 90;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            Text2D.centred(g, title, width / 2, 30);
            for (int k = 0; k < panels.length; k++) {
                panel(img, g, LEFT + k * (PANEL + GAP), panels[k], xLabel, yLabel);
            }
        } finally {
            g.dispose();
        }
        return Png.of(img);
    }

    private static void panel(BufferedImage img, Graphics2D g, int x0, Panel panel, String xLabel, String yLabel) {
        double[][] v = panel.values();
        int n = v.length;
        double max = 0;
        for (double[] row : v) for (double a : row) if (Double.isFinite(a)) max = Math.max(max, Math.abs(a));
        DivergingColorMap map = new DivergingColorMap(max > 0 ? max : 1.0);
        int lo = -(n / 2);
        // cell (column c, row r) shows offsets p = lo + c, q = lo + r, q growing upwards
        IntBinaryOperator at = (c, r) -> map.rgb(v[Math.floorMod(lo + c, n)][Math.floorMod(lo + r, n)]);
        for (int py = 0; py < PANEL; py++) {
            int r = n - 1 - (int) ((long) py * n / PANEL);
            for (int px = 0; px < PANEL; px++) {
                int c = (int) ((long) px * n / PANEL);
                img.setRGB(x0 + px, TOP + py, at.applyAsInt(c, r));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, TOP, PANEL, PANEL);
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        Text2D.centred(g, panel.name(), x0 + PANEL / 2, TOP - 12);
        g.setFont(TICK);
        int step = n <= 20 ? 2 : n <= 60 ? 5 : 10;
        for (int k = 0; k < n; k++) {
            int off = lo + k;
            if (off % step != 0) continue;
            int px = x0 + (int) ((k + 0.5) * PANEL / n);
            g.drawLine(px, TOP + PANEL, px, TOP + PANEL + 5);
            Text2D.centred(g, Integer.toString(off), px, TOP + PANEL + 19);
            int py = TOP + PANEL - (int) ((k + 0.5) * PANEL / n);
            g.drawLine(x0 - 5, py, x0, py);
            String s = Integer.toString(off);
            g.drawString(s, x0 - 8 - g.getFontMetrics().stringWidth(s), py + 4);
        }
        g.setFont(LABEL);
        Text2D.centred(g, xLabel, x0 + PANEL / 2, TOP + PANEL + 42);
        Text2D.vertical(g, yLabel, x0 - 45, TOP + PANEL / 2);
        int bx = x0 + PANEL + 16;
        for (int py = 0; py < PANEL; py++) {
            double val = map.vmax() * (1.0 - 2.0 * py / (PANEL - 1.0));
            int rgb = panel.signed() || val >= 0 ? map.rgb(val) : Color.WHITE.getRGB();
            for (int px = 0; px < BAR_W; px++) img.setRGB(bx + px, TOP + py, rgb);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(bx, TOP, BAR_W, panel.signed() ? PANEL : PANEL / 2);
        g.setColor(Color.BLACK);
        g.setFont(TICK);
        for (int k = panel.signed() ? -2 : 0; k <= 2; k++) {
            double val = map.vmax() * k / 2.0;
            int py = TOP + (int) Math.round((1.0 - (k + 2) / 4.0) * PANEL);
            g.drawLine(bx + BAR_W, py, bx + BAR_W + 4, py);
            g.drawString(String.format(java.util.Locale.ROOT, "%.3g", val), bx + BAR_W + 7, py + 4);
        }
    }
}
