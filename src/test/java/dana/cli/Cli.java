package dana.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the dana command in-process with captured streams, as main() would (minus System.exit). */
final class Cli {

    record Result(int exit, String out, String err) {
        /** The lines of stderr. */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\n");
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> env, String... args) {
        CommandLine cl = Main.commandLine(env);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The JSON text with the values of the timing keys blanked, for byte-wise comparisons. */
    static String withoutTiming(String json) {
        return json.replaceAll("\"(seconds|cycles_per_second)\"\\s*:\\s*[^,}\\n]*", "\"$1\":_");
    }
}
