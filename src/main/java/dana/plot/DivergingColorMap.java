package dana.plot;

import java.awt.Color;

/**
 * A blue-white-red diverging colour map for signed fields: value 0 is near white, -vmax dark blue, +vmax dark
 * red; values beyond are clipped. Linear interpolation between five anchor colours.
 */
final class DivergingColorMap {

    private static final int[][] ANCHORS = {
        {30, 70, 150}, {110, 165, 210}, {246, 246, 246}, {235, 140, 100}, {175, 25, 40}
    };

    private final double vmax;

    DivergingColorMap(double vmax) {
        this.vmax = vmax > 0 && Double.isFinite(vmax) ? vmax : 1.0;
    }

    double vmax() {
        return vmax;
    }

    int rgb(double value) {
        double t = Double.isFinite(value) ? (value / vmax + 1.0) / 2.0 : 0.5;
        t = Math.max(0.0, Math.min(1.0, t));
        double pos = t * (ANCHORS.length - 1);
        int i = Math.min((int) pos, ANCHORS.length - 2);
        double f = pos - i;
        int r = (int) Math.round(ANCHORS[i][0] + f * (ANCHORS[i + 1][0] - ANCHORS[i][0]));
        int g = (int) Math.round(ANCHORS[i][1] + f * (ANCHORS[i + 1][1] - ANCHORS[i][1]));
        int b = (int) Math.round(ANCHORS[i][2] + f * (ANCHORS[i + 1][2] - ANCHORS[i][2]));
        return (r << 16) | (g << 8) | b;
    }

    Color color(double value) {
        return new Color(rgb(value));
    }
}
