package dana.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cartesian product of lists of values: the runs a grid entry of an experiment file stands for. */
final class Grid {

    private Grid() {
    }

    /**
     * Every combination of one value per key, the first key varying slowest; keys keep their order. A key with
     * one value is a constant of every combination.
     */
    static <K, V> List<Map<K, V>> expand(Map<K, List<V>> axes) {
        List<Map<K, V>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<K, List<V>> axis : axes.entrySet()) {
            List<Map<K, V>> next = new ArrayList<>(out.size() * axis.getValue().size());
            for (Map<K, V> partial : out) {
                for (V value : axis.getValue()) {
                    Map<K, V> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
