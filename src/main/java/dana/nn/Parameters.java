package dana.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * All trainable values of a network in one flat float vector, with a gradient vector of the same length and
 * a list of named tensors (views by offset). One flat vector keeps the optimiser, the gradient clipping,
 * the per-shard partial gradients and the file format to single vectorised loops.
 */
public final class Parameters {

    /** A named tensor {@code values[offset, offset + length())} with its logical shape. */
    public record Tensor(String name, int offset, List<Integer> shape) {
        public Tensor {
            shape = List.copyOf(shape);
        }

        public int length() {
            int n = 1;
            for (int d : shape) n = Math.multiplyExact(n, d);
            return n;
        }
    }

    private final List<Tensor> tensors;
    private final float[] values;
    private final float[] gradients;

    private Parameters(List<Tensor> tensors, int size) {
        this.tensors = Collections.unmodifiableList(tensors);
        this.values = new float[size];
        this.gradients = new float[size];
    }

    /** Lays out tensors back to back in the order they are added. */
    public static final class Builder {
        private final List<Tensor> tensors = new ArrayList<>();
        private int size;

        /** Adds a tensor and returns its offset. */
        public int add(String name, int... shape) {
            Tensor t = new Tensor(name, size, Arrays.stream(shape).boxed().toList());
            for (Tensor other : tensors) {
                if (other.name().equals(name)) throw new IllegalArgumentException("duplicate tensor name " + name);
            }
            tensors.add(t);
            size = Math.addExact(size, t.length());
            return t.offset();
        }

        public Parameters build() {
            return new Parameters(new ArrayList<>(tensors), size);
        }
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        for (Tensor t : tensors) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException("no tensor named " + name);
    }

    public int size() {
        return values.length;
    }

    /** The values (shared, not copied: the optimiser updates them in place). */
    public float[] values() {
        return values;
    }

    /** The gradients, accumulated by backward passes until {@link #zeroGradients()}. */
    public float[] gradients() {
        return gradients;
    }

    public void zeroGradients() {
        Arrays.fill(gradients, 0f);
    }

    /** Euclidean norm of the gradient vector, accumulated in double. */
    public double gradientNorm() {
        return Math.sqrt(FloatOps.sumOfSquares(gradients, 0, gradients.length));
    }
}
