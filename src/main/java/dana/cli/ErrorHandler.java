package dana.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * Maps failures to one line on stderr and an exit code: bad input (picocli's parameter errors and
 * IllegalArgumentException from configs and parsers) -> "dana: MESSAGE", exit 2; anything else -> "dana: error:
 * MESSAGE", exit 1, with the stack trace only in debug mode.
 */
final class ErrorHandler implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler,
        CommandLine.IExitCodeExceptionMapper {

    private final BooleanSupplier debug;

    ErrorHandler(BooleanSupplier debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("dana: " + oneLine(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return Main.EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof IllegalArgumentException) {
            err.println("dana: " + oneLine(ex.getMessage()));
        } else {
            String what = ex instanceof UncheckedIOException ? "" : ex.getClass().getSimpleName() + ": ";
            err.println("dana: error: " + what + oneLine(ex.getMessage())
                    + (debug.getAsBoolean() ? "" : " (run with --debug for details)"));
            if (debug.getAsBoolean()) ex.printStackTrace(err);
        }
        err.flush();
        return getExitCode(ex);
    }

    @Override
    public int getExitCode(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException
                ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
    }

    static String oneLine(String message) {
        if (message == null) return "(no message)";
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
