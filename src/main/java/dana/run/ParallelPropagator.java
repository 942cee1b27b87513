package dana.run;

import dana.filter.Propagator;
import dana.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;

/**
 * The cycler's {@link Propagator}: member forecasts on one thread, or split into contiguous blocks of members
 * over a small pool, each thread with its own model copy. A member's forecast is the same arithmetic either
 * way, so results do not depend on the thread count. Close it to stop the pool.
 */
final class ParallelPropagator implements Propagator, AutoCloseable {

    private final Model model;
    private final int threads;
    private final Model[] copies;
    private final ExecutorService pool;

    ParallelPropagator(Model model, int threads, int members) {
        this.model = model;
        this.threads = threads;
        this.copies = new Model[threads];
        for (int t = 0; t < threads; t++) copies[t] = t == 0 ? model : model.copy();
        this.pool = threads > 1 && members > 1 ? Executors.newFixedThreadPool(threads, daemon()) : null;
    }

    @Override
    public int dim() {
        return model.dim();
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public void forecast(DMatrixRMaj ens, int ne) {
        if (pool == null || ne < 2) {
            model.forecastAll(ens.data, ne);
            return;
        }
        int nx = model.dim();
        List<Future<?>> parts = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            final Model m = copies[t];
            final int lo = t * ne / threads, hi = (t + 1) * ne / threads;
            parts.add(pool.submit(() -> {
                for (int i = lo; i < hi; i++) m.forecast(ens.data, i * nx);
            }));
        }
        try {
            for (Future<?> f : parts) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("forecast failed", e);
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "dana-forecast");
            t.setDaemon(true);
            return t;
        };
    }
}
