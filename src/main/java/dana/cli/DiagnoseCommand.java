package dana.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.util.concurrent.Callable;

/** {@code dana diagnose}: what a trained network has learned (docs/diagnostics.md). */
@Command(name = "diagnose", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Diagnostics of a trained learned analysis (docs/diagnostics.md): its expansion around a zero "
                + "innovation (bias, gain, implied P^a against an EnKF's) and the locality of its sensitivity."},
        subcommands = {DiagnoseExpansionCommand.class, DiagnoseSensitivityCommand.class},
        synopsisSubcommandLabel = "(expansion | sensitivity)")
final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** "dana diagnose" alone is a usage error: one line naming the subcommands. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("dana: diagnose: missing subcommand; allowed: expansion, sensitivity "
                + "(see 'dana diagnose --help')");
        spec.commandLine().getErr().flush();
        return Main.EXIT_USAGE;
    }
}
