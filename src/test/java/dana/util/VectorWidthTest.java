package dana.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorWidthTest {

    @Test
    void defaultIsThePreferredWidthCappedAt256Bits() {
        assertEquals(256, VectorWidth.choose(null, 512));
        assertEquals(256, VectorWidth.choose(" ", 256));
        assertEquals(128, VectorWidth.choose(null, 128));
    }

    @Test
    void propertyChoosesAnySupportedWidth() {
        assertEquals(512, VectorWidth.choose("512", 256));
        assertEquals(128, VectorWidth.choose(" 128 ", 512));
    }

    @Test
    void badPropertyIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.choose("300", 256));
        assertTrue(e.getMessage().contains("dana.vectorBits must be 128, 256 or 512, got '300'"), e.getMessage());
    }

    @Test
    void floatAndDoubleSpeciesShareTheWidth() {
        assertEquals(VectorWidth.BITS, VectorWidth.FLOAT.vectorBitSize());
        assertEquals(VectorWidth.BITS, VectorWidth.DOUBLE.vectorBitSize());
    }
}
