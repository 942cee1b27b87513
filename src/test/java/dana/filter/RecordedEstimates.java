package dana.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;

/** An {@link Estimates} that keeps a copy of every estimate reported, and the order of the reports. */
final class RecordedEstimates implements Estimates {

    final Map<Integer, DMatrixRMaj> forecasts = new TreeMap<>(), analyses = new TreeMap<>(), smoothed = new TreeMap<>();
    final List<String> order = new ArrayList<>();

    @Override
    public boolean forecast(int cycle, DMatrixRMaj ensemble) {
        order.add("f" + cycle);
        forecasts.put(cycle, ensemble.copy());
        return true;
    }

    @Override
    public boolean analysis(int cycle, DMatrixRMaj ensemble) {
        order.add("a" + cycle);
        analyses.put(cycle, ensemble.copy());
        return true;
    }

    @Override
    public void smoothed(int cycle, DMatrixRMaj ensemble) {
        order.add("s" + cycle);
        smoothed.put(cycle, ensemble.copy());
    }
}
