package dana.nn;

/**
 * A batch of 1-D periodic fields, channels last, each sample's grid extended by {@code halo} points on both
 * sides that hold periodic copies of the opposite end: element (b, x, c) for {@code -halo <= x < nx + halo} is
 * at {@code ((b * (nx + 2 halo)) + halo + x) * channels + c}.
 *
 * <p>This layout is what makes the circular convolution cheap: the im2col row of grid point x (the K
 * neighbouring points times all channels) is the contiguous run starting at row {@code x - K/2}, so the im2col
 * matrix of a sample is read in place as a matrix with overlapping rows (row stride = channels) and never
 * built; the circular wrap costs one copy of {@code 2 halo} rows per sample ({@link #fillHalo}).
 */
public final class HaloTensor {

    private final int batch;
    private final int nx;
    private final int channels;
    private final int halo;
    private final float[] data;

    public HaloTensor(int batch, int nx, int channels, int halo) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (nx < 1) throw new IllegalArgumentException("nx must be >= 1, got " + nx);
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (halo < 0) throw new IllegalArgumentException("halo must be >= 0, got " + halo);
        this.batch = batch;
        this.nx = nx;
        this.channels = channels;
        this.halo = halo;
        this.data = new float[Math.multiplyExact(Math.multiplyExact(batch, nx + 2 * halo), channels)];
    }

    public int batch() {
        return batch;
    }

    public int nx() {
        return nx;
    }

    public int channels() {
        return channels;
    }

    public int halo() {
        return halo;
    }

    /** The backing array (shared, not copied): kernels index it with {@link #offset}. */
    public float[] data() {
        return data;
    }

    /** Index of element (b, x, 0); x may lie in the halo, {@code -halo <= x < nx + halo}. */
    public int offset(int b, int x) {
        return ((b * (nx + 2 * halo)) + halo + x) * channels;
    }

    public float get(int b, int x, int c) {
        return data[offset(b, x) + c];
    }

    public void set(int b, int x, int c, float v) {
        data[offset(b, x) + c] = v;
    }

    /** Copies the periodic images of sample b's grid into its halo (after its interior was written). */
    public void fillHalo(int b) {
        for (int x = -halo; x < 0; x++) {
            System.arraycopy(data, offset(b, Math.floorMod(x, nx)), data, offset(b, x), channels);
        }
        for (int x = nx; x < nx + halo; x++) {
            System.arraycopy(data, offset(b, Math.floorMod(x, nx)), data, offset(b, x), channels);
        }
    }

    /**
     * Loads sample b from {@code src} in the engine's external layout {@code [batch][channels][nx]} (a field per
     * channel, as the data assimilation code holds states), transposing to channels last, and fills its halo.
     */
    public void loadSample(int b, float[] src) {
        int base = b * channels * nx;
        for (int c = 0; c < channels; c++) {
            int s = base + c * nx;
            for (int x = 0; x < nx; x++) data[offset(b, x) + c] = src[s + x];
        }
        fillHalo(b);
    }

    /** Writes sample b's interior to {@code dst} in the external layout {@code [batch][channels][nx]}. */
    public void storeSample(int b, float[] dst) {
        int base = b * channels * nx;
        for (int c = 0; c < channels; c++) {
            int d = base + c * nx;
            for (int x = 0; x < nx; x++) dst[d + x] = data[offset(b, x) + c];
        }
    }
}
