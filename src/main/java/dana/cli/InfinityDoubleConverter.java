package dana.cli;

import picocli.CommandLine;

/** Reads a number that may be infinite: accepts inf, Infinity (any case, optional sign) and ordinary numbers. */
final class InfinityDoubleConverter implements CommandLine.ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        String t = value.trim().toLowerCase();
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number (inf for no localisation)");
        }
    }
}
