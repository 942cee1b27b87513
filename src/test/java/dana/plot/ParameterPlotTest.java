package dana.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ParameterPlotTest {

    @Test
    void pointsAggregateTheirSeeds() {
        ParameterPlot.Point p = new ParameterPlot.Point(0.15, new double[] {0.3, 0.5, 0.4}, 1);
        assertEquals(0.4, p.mean(), 1e-15);
        assertEquals(0.3, p.min());
        assertEquals(0.5, p.max());
        assertTrue(new ParameterPlot.Point(1, new double[0], 3).allDiverged());
        assertThrows(IllegalArgumentException.class, () -> new ParameterPlot.Point(1, new double[] {Double.NaN}, 0));
        assertThrows(IllegalArgumentException.class, () -> new ParameterPlot.Point(Double.NaN, new double[] {1}, 0));
    }

    @Test
    void aLogAxisOverTwoDecadesOrMoreIsLabelledAtItsDecadesOnly() {
        assertTrue(ParameterPlot.decadesOnly(256, 65536));
        assertTrue(ParameterPlot.decadesOnly(1, 100));
        assertFalse(ParameterPlot.decadesOnly(0.25, 4));
        assertFalse(ParameterPlot.decadesOnly(1, 16));
        assertFalse(ParameterPlot.decadesOnly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)); // nothing drawn
    }

    @Test
    void rendersLinesDivergedAndEmptyChartsOnLinearAndLogAxes() throws IOException {
        List<ParameterPlot.Line> lines = List.of(
                new ParameterPlot.Line("enkf-n", List.of(new ParameterPlot.Point(1, new double[] {0.19, 0.2, 0.21}, 0),
                        new ParameterPlot.Point(3, new double[] {0.3, 0.33}, 1), new ParameterPlot.Point(6, new double[0], 3))),
                new ParameterPlot.Line("3dvar", List.of(new ParameterPlot.Point(1, new double[] {0.41}, 0),
                        new ParameterPlot.Point(6, new double[] {1.2, 1.4, 1.3}, 0))),
                new ParameterPlot.Line("etkf", List.of(new ParameterPlot.Point(2, new double[0], 2))));
        for (boolean log : new boolean[] {false, true}) {
            byte[] png = ParameterPlot.render(new ParameterPlot.Axes("t", "steps_per_cycle", "rmse_a", log, log), lines);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(1000, img.getWidth());
            assertEquals(640, img.getHeight());
        }
        List<ParameterPlot.Level> levels = List.of(new ParameterPlot.Level("enkf", new double[] {0.2, 0.21}, 0),
                new ParameterPlot.Level("lost", new double[0], 2));
        byte[] withLevels = ParameterPlot.render(new ParameterPlot.Axes("t", "lag", "rmse_a", false, false), lines, levels);
        assertEquals(1000, ImageIO.read(new ByteArrayInputStream(withLevels)).getWidth());
        byte[] empty = ParameterPlot.render(new ParameterPlot.Axes("none", "x", "y", false, false), List.of());
        assertTrue(ImageIO.read(new ByteArrayInputStream(empty)).getWidth() > 0);
    }
}
