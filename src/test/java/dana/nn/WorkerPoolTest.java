package dana.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void runsEveryTaskOnceAndIsReusable() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 50; round++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(37);
                pool.forEach(37, (t, w) -> {
                    assertTrue(w >= 0 && w < 3);
                    hits.incrementAndGet(t);
                });
                for (int t = 0; t < 37; t++) assertEquals(1, hits.get(t));
            }
        }
    }

    @Test
    void failureIsRethrownToTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forEach(10, (t, w) -> {
                if (t == 7) throw new IllegalStateException("task 7");
            }));
            assertEquals("task 7", e.getMessage());
            // still usable afterwards
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            pool.forEach(4, (t, w) -> hits.incrementAndGet(t));
            for (int t = 0; t < 4; t++) assertEquals(1, hits.get(t));
        }
    }
}
