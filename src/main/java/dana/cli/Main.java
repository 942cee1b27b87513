package dana.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code dana} command. Its subcommands are the classes listed in {@code subcommands} below: adding a
 * command is adding its class to that list. Errors: bad input exits with {@link #EXIT_USAGE} and one line on stderr, an unexpected failure with
 * {@link #EXIT_FAILURE} and one line (plus the stack trace with {@code --debug} or DANA_DEBUG=1).
 */
@Command(name = "dana", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Data assimilation on the Lorenz-96 model: twin experiments, classical and learned filters.",
        subcommands = {AssimilateCommand.class, ExperimentCommand.class, TrainCommand.class, SweepCommand.class, DiagnoseCommand.class, ReportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Callable<Integer> {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of unexpected errors (also with environment DANA_DEBUG=1).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The configured command line: the error handling lives here, so tests use it as main() does. */
    public static CommandLine commandLine(Map<String, String> env) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        ErrorHandler handler = new ErrorHandler(() -> main.debug || "1".equals(env.get("DANA_DEBUG")));
        cl.setParameterExceptionHandler(handler);
        cl.setExecutionExceptionHandler(handler);
        cl.setExitCodeExceptionMapper(handler);
        return cl;
    }

    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** "dana" without a command is a usage error like any other: one line naming what is allowed. */
    @Override
    public Integer call() {
        String commands = String.join(", ", spec.commandLine().getSubcommands().keySet());
        spec.commandLine().getErr().println("dana: missing command; allowed: " + commands + " (see 'dana --help')");
        spec.commandLine().getErr().flush();
        return EXIT_USAGE;
    }

    /** The version from the jar's manifest; "dev" when running from classes (tests, IDE). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dana " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
