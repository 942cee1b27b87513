package dana.train;

import dana.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the dana command in-process with captured streams, as main() would (minus System.exit). */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Main.commandLine(Map.of());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The single line on stderr (fails the caller's check if there are more). */
    String errLine() {
        return err.strip();
    }

    boolean oneErrorLine() {
        return !err.isBlank() && err.strip().lines().count() == 1;
    }
}
