package dana.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/** Text placement for the plots drawn directly with Java2D (those XChart has no chart type for). */
final class Text2D {

    private Text2D() {
    }

    /** Draws {@code s} horizontally centred on x, with its baseline at y. */
    static void centred(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y);
    }

    /** Draws {@code s} reading upwards, centred on (x, y): an axis label of a vertical axis. */
    static void vertical(Graphics2D g, String s, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        centred(g, s, x, y);
        g.setTransform(saved);
    }
}
