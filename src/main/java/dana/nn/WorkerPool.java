package dana.nn;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small fixed pool of platform threads for data-parallel loops: {@link #forEach} runs a body over task
 * indices, which the caller and the {@code threads - 1} workers claim one at a time. Explicit threads rather
 * than a shared executor: on a 2-core machine shared with other work, a few threads that block when idle
 * degrade gracefully, where spinning runtimes (OpenMP) were measured to collapse. Not reentrant; one caller at
 * a time.
 */
public final class WorkerPool implements AutoCloseable {

    /** Work on one task; {@code worker} in [0, threads) identifies the thread's scratch space. */
    @FunctionalInterface
    public interface Body {
        void run(int task, int worker);
    }

    private final int threads;
    private final Thread[] workers;
    private final Object lock = new Object();
    private long generation;
    private Job job;
    private int running;
    private boolean closed;

    public WorkerPool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 1; w < threads; w++) {
            int id = w;
            Thread t = new Thread(() -> loop(id), "dana-nn-worker-" + id);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} for every task in [0, tasks); returns when all are done, rethrowing the first failure. */
    public void forEach(int tasks, Body body) {
        if (tasks <= 0) return;
        if (threads == 1 || tasks == 1) {
            for (int t = 0; t < tasks; t++) body.run(t, 0);
            return;
        }
        Job j = new Job(tasks, body);
        synchronized (lock) {
            if (closed) throw new IllegalStateException("worker pool is closed");
            job = j;
            running = workers.length;
            generation++;
            lock.notifyAll();
        }
        j.work(0);
        synchronized (lock) {
            while (running > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for workers", e);
                }
            }
            job = null;
        }
        if (j.failure != null) {
            if (j.failure instanceof RuntimeException re) throw re;
            if (j.failure instanceof Error er) throw er;
            throw new IllegalStateException(j.failure);
        }
    }

    private void loop(int id) {
        long seen = 0;
        while (true) {
            Job j;
            synchronized (lock) {
                while (!closed && generation == seen) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                seen = generation;
                j = job;
            }
            j.work(id);
            synchronized (lock) {
                if (--running == 0) lock.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    private static final class Job {
        final int tasks;
        final Body body;
        final AtomicInteger next = new AtomicInteger();
        volatile Throwable failure;

        Job(int tasks, Body body) {
            this.tasks = tasks;
            this.body = body;
        }

        void work(int worker) {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    body.run(t, worker);
                } catch (Throwable e) {
                    synchronized (this) {
                        if (failure == null) failure = e;
                    }
                    next.set(tasks);
                }
            }
        }
    }
}
